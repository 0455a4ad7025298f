// What other modules may use of this one; everything else is private to it (eslint.config.js).
export { ProtectionReviewsSection } from './components/protection-reviews-section';
export { TransfersSection } from './components/transfers-section';
