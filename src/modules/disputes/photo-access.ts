/** Who sees the photo of a signed record sheet: whoever sees the session's dispute (sessions.ts). */
export { mediationShowsPhotos } from './sessions.js';
