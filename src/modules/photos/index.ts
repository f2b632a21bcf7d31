/**
 * The photos module's public entry: what other modules and the server use. Upload,
 * type sniffing, EXIF, variants, storage, serving and claiming live behind it.
 */
export type { OwnerVisibility, PhotoOwnerKind, PhotoRules } from './access.js';
export { blobStoreFromEnv, LocalBlobStore, S3BlobStore, type BlobStore } from './blob-store.js';
export { claimPhotos, type PhotoOwner } from './claim.js';
export { casePhotoOfPhase, photoIdsOf, photosInPhase, photosOf } from './repository.js';
export { photoRoutes } from './routes.js';
export { servePhoto } from './serve.js';
export { uploadPhoto, type PhotoDeps, type UploadedPhoto } from './upload.js';
export { photoLinks, photoUrl, PHOTO_VARIANTS, type PhotoVariant } from './urls.js';
