import { createApiClient } from '@khuyencong/api-client';

/** The admin is served on the API's origin (or proxied to it), so the client uses relative URLs. */
export const api = createApiClient({ baseUrl: window.location.origin });
