/**
 * The version of the shape of dist/content.json and dist/reference.json; the extension trusts a file of this version whose hash
 * the build wrote. Its own module, free of zod, so the extension reads it without the content schema.
 */
export const CONTENT_SCHEMA_VERSION = 3;
