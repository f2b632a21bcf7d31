/** The variants of every photo: the EXIF-stripped copy, its thumbnail, and the file as uploaded. */
export const PHOTO_VARIANTS = ['public', 'thumb', 'original'] as const;
export type PhotoVariant = (typeof PHOTO_VARIANTS)[number];

/** The one address of a photo, whatever it serves (relative to the server's origin). */
export const photoUrl = (id: string, variant: PhotoVariant): string => `/api/v1/photos/${id}/${variant}`;

/** The links a view shows for a photo: its EXIF-stripped copy and the thumbnail. */
export const photoLinks = (id: string) => ({
  id,
  url: photoUrl(id, 'public'),
  thumbUrl: photoUrl(id, 'thumb'),
});
