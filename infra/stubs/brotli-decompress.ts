// Infra: what the documents bundle gets instead of the brotli package's decompressor (~475 kB minified). pdfkit's
// font library needs it only to read WOFF2 fonts, and the PDFs embed DejaVu Sans from TTF files (functions/cpd/pdf.ts).
export default function decompress(): never {
  throw new Error('WOFF2 fonts are not used');
}
