import { PDFDocument, PDFName } from 'pdf-lib';
import sharp from 'sharp';

// Files as a phone or a scanner makes them, for the documents suites (API and browser); all synthetic.

/** A JPEG that carries a GPS position, a camera's maker and an author, as a phone's photo does. */
export async function photoWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'Phonemaker', Model: 'Pocket 7', Artist: 'Shelter photographer' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '51/1 30/1 0/1',
        GPSLongitudeRef: 'W',
        GPSLongitude: '0/1 7/1 0/1',
      },
    })
    .toBuffer();
}

/** A PDF whose text is written uncompressed, with an author and producer in its metadata. */
export async function pdfWith(text: string, author: string): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.setAuthor(author);
  pdf.setProducer(`${author} scanner`);
  pdf.setTitle(`Statement of ${author}`);
  const page = pdf.addPage([200, 200]);
  const stream = pdf.context.stream(`BT /F1 12 Tf 20 100 Td (${text}) Tj ET`);
  page.node.set(PDFName.of('Contents'), pdf.context.register(stream));
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}
