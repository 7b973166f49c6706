/**
 * Public half of the development signing key. It fixes the extension id of
 * development and test builds so end-to-end tests and managed-policy files can
 * name the extension. The private half was discarded when it was made and is
 * never committed; nothing is signed with it.
 */
export const DEV_PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAxmMLSyd9TpUtF3n8FhNaYDNq1g4azC+bdfjBPv6CB8qQC+pJrYcRFkfuvMvE0SCbPMzPHa7X/3+PQkFqMs/Om+l3lBUvT0UJlTM82JckQ0rxafBg5p8VwagkW0RD9WzswMo0F/FcTBUIV7ASLjPFxSC+d08IkobII82yHWIu7wHFqzMjLx1II3waxwbW9+zD1Pq6Ol7zWMyDefbNBixw124tMd9JG27wFhdzmnBgcRW9gH6Tc6pRU7bY5hmRVbvaphNRIgMb5Zac3MPS5gy2hVjUWmMeQHjXJu06t8o9ZSpnqSS+Rl/1CKNWDuAWwf+4KDodqfu0yBdLJlFXOqgu1wIDAQAB';

/** Chromium derives the id from the key: sha256 of the DER key, first 32 hex digits mapped 0-f to a-p. */
export const DEV_EXTENSION_ID = 'okjgpdimdpbcbhbakfbghfeblhifmohb';
