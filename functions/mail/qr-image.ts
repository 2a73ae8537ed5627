// Mail domain: a QR code as a GIF for an email's inline image (qrcode-generator's, error correction M like the RSVP
// page's SVG). Drawn here, in the mailer, so the functions that queue emails don't carry the library.
import qrcode from 'qrcode-generator';

/**
 * `text` as a QR code GIF `size` px square, or one pixel less (the QR's width is odd, so an odd cell size leaves an odd
 * margin): cells as large as fit with the standard quiet zone of at least 4 cells around them.
 */
export function qrGif(text: string, size: number): { bytes: Buffer; size: number } {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const modules = qr.getModuleCount();
  const cell = Math.max(1, Math.floor(size / (modules + 8)));
  const margin = Math.floor((size - modules * cell) / 2);
  const base64 = qr.createDataURL(cell, margin).replace(/^data:image\/gif;base64,/, '');
  return { bytes: Buffer.from(base64, 'base64'), size: modules * cell + 2 * margin };
}
