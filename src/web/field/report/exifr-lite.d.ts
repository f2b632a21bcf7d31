/** exifr's lite build (JPEG/HEIC, TIFF, EXIF, GPS) has the full build's API and no types of its own. */
declare module 'exifr/dist/lite.esm.mjs' {
  import exifr from 'exifr';
  export default exifr;
}
