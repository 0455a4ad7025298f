import { SetMetadata } from '@nestjs/common';

export const AVAILABLE_BEFORE_TWO_FACTOR = 'haven:available-before-two-factor';

/**
 * Marks the few routes a session may use while its role requires a second factor that is not
 * set up yet: who am I, sign out, and enrolment. The session guard refuses every other route.
 */
export const AvailableBeforeTwoFactor = () => SetMetadata(AVAILABLE_BEFORE_TWO_FACTOR, true);
