import { writeZip } from '../../exchange/zip-writer.js';
import type { QuoteReport } from './quote-report.js';

const MIMETYPE = 'application/vnd.oasis.opendocument.text';
const NS = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
  'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
].join(' ');
const LEVELS = [1, 2, 3, 4, 5, 6];

/**
 * The quote report as an OpenDocument text (ODF 1.3), for LibreOffice and
 * the writers that prefer it: `mimetype` first and stored, then
 * content.xml, styles.xml, meta.xml and the manifest. The themes are
 * outline headings («Heading 1»…) and a table of contents over them comes
 * filled in (LibreOffice adds page numbers when it updates the index).
 */
export function quoteReportOdt(report: QuoteReport): Buffer {
  return writeZip([
    { name: 'mimetype', data: Buffer.from(MIMETYPE, 'ascii'), stored: true },
    { name: 'content.xml', data: Buffer.from(content(report), 'utf8') },
    { name: 'styles.xml', data: Buffer.from(STYLES, 'utf8') },
    { name: 'meta.xml', data: Buffer.from(meta(report), 'utf8') },
    { name: 'META-INF/manifest.xml', data: Buffer.from(MANIFEST, 'utf8') },
  ]);
}

function content(report: QuoteReport): string {
  const body: string[] = [
    p('Title', report.title),
    p('Subtitle', report.subtitle),
    '<text:table-of-content text:name="Contents">',
    '<text:table-of-content-source text:outline-level="6">',
    `<text:index-title-template text:style-name="Contents_20_Heading">${xml(report.contents)}</text:index-title-template>`,
    ...LEVELS.map(
      (n) =>
        `<text:table-of-content-entry-template text:outline-level="${n}" text:style-name="Contents_20_${n}">` +
        '<text:index-entry-link-start/><text:index-entry-text/><text:index-entry-tab-stop style:type="right" style:leader-char="."/>' +
        '<text:index-entry-page-number/><text:index-entry-link-end/></text:table-of-content-entry-template>',
    ),
    '</text:table-of-content-source>',
    '<text:index-body>',
    `<text:index-title text:name="Contents_Head">${p('Contents_20_Heading', report.contents)}</text:index-title>`,
    ...report.sections.map((s) => p(`Contents_20_${Math.min(s.level, 6)}`, s.heading)),
    '</text:index-body>',
    '</text:table-of-content>',
  ];
  for (const section of report.sections) {
    const level = Math.min(section.level, 6);
    body.push(p(`Heading_20_${level}`, section.heading, `text:h text:outline-level="${level}"`));
    for (const part of section.definition) body.push(p('Definition', part));
    if (section.memo.length > 0) {
      body.push(p('Memo_20_Heading', report.memoLabel));
      for (const part of section.memo) body.push(p('Text_20_body', part));
    }
    if (section.quotes.length === 0) body.push(p('None', report.none));
    for (const quote of section.quotes) {
      body.push(p('Quotations', `«${quote.text}»`), p('Citation', quote.citation));
    }
  }
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content ${NS} office:version="1.3">` +
    `<office:body><office:text>${body.join('')}</office:text></office:body></office:document-content>`
  );
}

/** A paragraph (or heading: `element` with its attributes) in a named style. */
function p(style: string, text: string, element = 'text:p'): string {
  const name = element.split(' ')[0];
  return `<${element} text:style-name="${style}">${xml(text)}</${name}>`;
}

/** Text as XML character data: markup escaped, characters XML 1.0 forbids dropped. */
function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/gu, '&amp;')
    .replace(/</gu, '&lt;')
    .replace(/>/gu, '&gt;')
    .replace(/"/gu, '&quot;');
}

function meta(report: QuoteReport): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta ${NS} office:version="1.3"><office:meta>` +
    `<meta:generator>Tolk</meta:generator><dc:title>${xml(report.title)}</dc:title>` +
    '</office:meta></office:document-meta>'
  );
}

const paragraphStyle = (name: string, display: string, props: string, extra = '') =>
  `<style:style style:name="${name}" style:display-name="${display}" style:family="paragraph" ${extra}>${props}</style:style>`;

const STYLES =
  `<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles ${NS} office:version="1.3"><office:styles>` +
  '<style:default-style style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.2cm"/>' +
  '<style:text-properties fo:font-size="11pt"/></style:default-style>' +
  paragraphStyle('Standard', 'Default Paragraph Style', '', 'style:class="text"') +
  paragraphStyle('Text_20_body', 'Body Text', '', 'style:parent-style-name="Standard" style:class="text"') +
  paragraphStyle(
    'Heading',
    'Heading',
    '<style:paragraph-properties fo:margin-top="0.42cm" fo:margin-bottom="0.21cm" fo:keep-with-next="always"/><style:text-properties fo:font-weight="bold"/>',
    'style:parent-style-name="Standard" style:next-style-name="Text_20_body" style:class="text"',
  ) +
  paragraphStyle(
    'Title',
    'Title',
    '<style:text-properties fo:font-size="24pt" fo:font-weight="bold"/>',
    'style:parent-style-name="Heading" style:class="chapter"',
  ) +
  paragraphStyle(
    'Subtitle',
    'Subtitle',
    '<style:text-properties fo:font-style="italic"/>',
    'style:parent-style-name="Standard" style:class="chapter"',
  ) +
  LEVELS.map((n) =>
    paragraphStyle(
      `Heading_20_${n}`,
      `Heading ${n}`,
      `<style:text-properties fo:font-size="${[18, 15, 13, 12, 11, 11][n - 1]}pt" fo:font-weight="bold"/>`,
      `style:parent-style-name="Heading" style:next-style-name="Text_20_body" style:default-outline-level="${n}" style:class="text"`,
    ),
  ).join('') +
  paragraphStyle(
    'Contents_20_Heading',
    'Contents Heading',
    '<style:text-properties fo:font-size="14pt" fo:font-weight="bold"/>',
    'style:parent-style-name="Heading" style:class="index"',
  ) +
  LEVELS.map((n) =>
    paragraphStyle(
      `Contents_20_${n}`,
      `Contents ${n}`,
      `<style:paragraph-properties fo:margin-left="${(n - 1) * 0.5}cm" fo:margin-bottom="0.1cm"/>`,
      'style:parent-style-name="Standard" style:class="index"',
    ),
  ).join('') +
  paragraphStyle(
    'Quotations',
    'Quotations',
    '<style:paragraph-properties fo:margin-left="1cm" fo:margin-right="1cm" fo:margin-bottom="0cm"/>',
    'style:parent-style-name="Standard" style:class="html"',
  ) +
  paragraphStyle(
    'Citation',
    'Citation',
    '<style:paragraph-properties fo:margin-left="1cm" fo:margin-bottom="0.3cm"/><style:text-properties fo:font-size="10pt"/>',
    'style:parent-style-name="Standard" style:class="text"',
  ) +
  paragraphStyle(
    'Definition',
    'Definition',
    '<style:text-properties fo:font-style="italic"/>',
    'style:parent-style-name="Standard" style:class="text"',
  ) +
  paragraphStyle(
    'Memo_20_Heading',
    'Memo Heading',
    '<style:text-properties fo:font-weight="bold"/>',
    'style:parent-style-name="Standard" style:class="text"',
  ) +
  paragraphStyle(
    'None',
    'No Quotes',
    '<style:text-properties fo:color="#777777"/>',
    'style:parent-style-name="Standard" style:class="text"',
  ) +
  '</office:styles></office:document-styles>';

const MANIFEST =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">' +
  `<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="${MIMETYPE}"/>` +
  '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>' +
  '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>' +
  '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>' +
  '</manifest:manifest>';
