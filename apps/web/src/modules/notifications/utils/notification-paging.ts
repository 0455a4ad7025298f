/** The notifications the bell shows at once; older ones are a page further. */
export const NOTIFICATION_PAGE_SIZE = 10;
