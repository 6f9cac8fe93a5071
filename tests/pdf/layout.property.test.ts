/**
 * Property tests of the print layout: any valid report (from a generator that varies every printed field,
 * up to the schema's length limits) lays out and renders without throwing, every text and circle stays
 * inside its box and inside the printable page, no two texts overlap, and no free text is lost.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PDFDocument } from 'pdf-lib';
import {
  layoutReportForPrint,
  renderReportPdf,
  type DrawOp,
  type ReportLayout,
  type TextOp,
} from '../../src/pdf/index.js';
import { loadDefaultFont } from '../../src/pdf/node.js';
import { parseFont } from '../../src/pdf/font.js';
import { charsOf, cleanText, wrapText } from '../../src/pdf/layout.js';
import {
  DIAGNOSTIC_METHODS,
  INFECTION_ROUTES,
  RISK_FACTORS,
  SEVERITIES,
  SEXES,
  SYMPTOMS,
  VACCINES,
  validateReport,
  type OccurrenceReport,
} from '../../src/schema/index.js';
import { FIXTURE_TODAY, tc1Report } from '../fixtures/reports.js';

let font: Uint8Array;
before(async () => {
  font = await loadDefaultFont();
});

const KANJI = Array.from(
  '山田花子髙﨑𠮷鈴木佐藤高橋渡辺伊東京都千代田区大手町横浜市中央病院診療所調理師保育士会社員無職学生',
);
const KANA = Array.from(
  'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワンガギグゲゴパピプペポャュョッー',
);
const ASCII = Array.from('ABCdefXYZ0123456789-/.,()');
const MIXED = [
  ...KANJI,
  ...KANA,
  ...ASCII,
  '、',
  '。',
  '（',
  '）',
  '「',
  '」',
  '　',
  ' ',
  '・',
  'ー',
  '①',
  'Ⅱ',
  '％',
];

// fast-check keeps arrays short (about 10 items) unless asked for `size: 'max'`; the limits of the schema
// (200 characters a line, 4000 for 補足情報) are what the layout must survive, so half the values use them.
const lengths = (max: number) => [{ maxLength: max }, { maxLength: max, size: 'max' as const }];
const text = (max: number, alphabet = MIXED) =>
  fc
    .oneof(...lengths(max).map((c) => fc.array(fc.constantFrom(...alphabet), { minLength: 1, ...c })))
    .map((a) => a.join('').trim() || '山');
const longText = (max: number) =>
  fc
    .oneof(
      ...lengths(max).map((c) =>
        fc.array(
          fc.oneof(
            { weight: 20, arbitrary: fc.constantFrom(...MIXED) },
            { weight: 1, arbitrary: fc.constant('\n') },
          ),
          c,
        ),
      ),
    )
    .map((a) => a.join(''));
const katakana = (max: number) =>
  fc
    .array(fc.constantFrom(...KANA.filter((c) => c !== 'ー' && !'ャュョッ'.includes(c))), {
      minLength: 1,
      maxLength: max,
    })
    .map((a) => a.join(''));
const sub = <T>(items: readonly T[]) => fc.subarray([...items]);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** Valid-ish reports: TC-1's consistent dates, with every printed value varied. */
const reportArb: fc.Arbitrary<OccurrenceReport> = fc
  .record({
    category: fc.constantFrom('confirmed', 'asymptomatic', 'suspected') as fc.Arbitrary<
      'confirmed' | 'asymptomatic' | 'suspected'
    >,
    familyName: text(20, KANJI),
    givenName: text(20, KANJI),
    familyNameKana: katakana(20),
    givenNameKana: katakana(20),
    sex: fc.constantFrom(...SEXES.map((s) => s.code)),
    occupation: maybe(text(200)),
    street: text(200),
    city: text(60),
    guardianName: maybe(text(60)),
    guardianAddress: maybe(text(200)),
    symptoms: sub(SYMPTOMS.map((s) => s.code).filter((c) => c !== 'none')),
    symptomOther: maybe(text(200)),
    methods: fc.array(
      fc.record({
        method: fc.constantFrom(...DIAGNOSTIC_METHODS.map((m) => m.code)),
        specimenOther: maybe(text(200)),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    route: maybe(fc.constantFrom(...INFECTION_ROUTES.map((r) => r.code))),
    routeDetail: maybe(text(200)),
    infectionCity: maybe(text(200)),
    doses: fc.integer({ min: 0, max: 10 }),
    vaccine: fc.constantFrom(...VACCINES.map((v) => v.code)),
    vaccineOther: maybe(text(200)),
    risks: sub(RISK_FACTORS.map((r) => r.code)),
    riskOther: maybe(text(200)),
    severity: maybe(fc.constantFrom(...SEVERITIES.map((s) => s.code))),
    supplementary: maybe(longText(4000)),
    inpatient: maybe(text(200)),
    warnings: fc.integer({ min: 0, max: 3 }),
    reason: maybe(text(200)),
  })
  .map((g) => {
    const r = tc1Report();
    const p = r.patient!;
    p.category = g.category;
    p.familyName = g.familyName;
    p.givenName = g.givenName;
    p.familyNameKana = g.familyNameKana;
    p.givenNameKana = g.givenNameKana;
    p.sex = g.sex;
    p.occupation = g.occupation;
    p.location = { ...p.location!, street: g.street, city: g.city };
    if (g.guardianName || g.guardianAddress)
      p.guardian = { name: g.guardianName, address: g.guardianAddress };
    const d = r.diagnosis!;
    d.symptoms = g.category === 'asymptomatic' ? [] : g.symptoms;
    if (d.symptoms.length === 0) d.symptoms = g.category === 'asymptomatic' ? ['none'] : ['fever'];
    if (d.symptoms.includes('other')) d.symptomOther = g.symptomOther ?? 'その他の症状';
    if (g.category !== 'confirmed') delete d.onsetDate;
    d.methods = g.methods.map((m, i) => {
      const allowed = DIAGNOSTIC_METHODS.find((x) => x.code === m.method)!.specimens;
      const specimen = allowed[i % allowed.length]!;
      return {
        method: m.method,
        specimen,
        specimenOther: specimen === 'other' ? (m.specimenOther ?? '咽頭') : undefined,
        collectionDate: '2022-09-27',
        result: 'positive' as const,
      };
    });
    if (g.route) r.infection = { ...r.infection, route: g.route, routeDetail: g.routeDetail };
    if (g.infectionCity) r.infection = { ...r.infection, city: g.infectionCity };
    const doses = Array.from({ length: g.doses }, (_, i) => {
      const date = new Date(Date.UTC(2021, 4 + i * 2, 10)).toISOString().slice(0, 10);
      return {
        dose: i + 1,
        given: 'yes' as const,
        vaccine: g.vaccine,
        vaccineOther: g.vaccine === 'other' ? g.vaccineOther : undefined,
        date,
      };
    }).filter((x) => x.date < '2022-09-20');
    r.vaccination = doses.length
      ? { doseCount: doses.length, latestDate: doses.at(-1)!.date, latestVaccine: g.vaccine, doses }
      : { doseCount: 0 };
    r.riskFactors = g.risks.length
      ? {
          presence: 'yes',
          items: g.risks,
          other: g.risks.includes('other') ? (g.riskOther ?? '喘息') : undefined,
        }
      : { presence: 'no' };
    if (g.risks.includes('pregnancy')) p.sex = 'female';
    r.clinical = { ...r.clinical, severity: g.severity, supplementary: g.supplementary || undefined };
    if (g.inpatient)
      r.clinical = {
        ...r.clinical,
        hospitalized: 'yes',
        admissionDate: '2022-09-27',
        inpatientInstitution: g.inpatient,
      };
    r.confirmedWarnings = Array.from({ length: g.warnings }, (_, i) => ({
      code: 'date.D9.lateReport',
      path: ['diagnosis.onsetDate', 'diagnosis.firstVisitDate', 'reportDate'][i]!,
      confirmedAt: '2022-09-27T09:00:00+09:00',
      reason: g.reason,
    }));
    return r;
  });

const EPS = 0.01;
/** Printers cannot print the outer ~5 mm; nothing may be drawn there. */
const EDGE = 14;

function inside(
  inner: { x: number; y: number; width: number; height: number },
  outer: typeof inner,
): boolean {
  return (
    inner.x >= outer.x - EPS &&
    inner.y >= outer.y - EPS &&
    inner.x + inner.width <= outer.x + outer.width + EPS &&
    inner.y + inner.height <= outer.y + outer.height + EPS
  );
}

function checkLayout(layout: ReportLayout): void {
  for (const [pi, page] of layout.pages.entries()) {
    const printable = { x: EDGE, y: EDGE, width: page.width - 2 * EDGE, height: page.height - 2 * EDGE };
    const texts: TextOp[] = [];
    for (const op of page.ops as DrawOp[]) {
      if (op.kind === 'text') {
        const r = { x: op.x, y: op.y, width: op.width, height: op.size };
        assert.ok(
          inside(r, op.box),
          `page ${pi + 1}: 「${op.text}」 (${op.field ?? 'label'}) leaves its box`,
        );
        assert.ok(
          inside(op.box, printable),
          `page ${pi + 1}: the box of 「${op.text}」 leaves the printable area`,
        );
        texts.push(op);
      } else if (op.kind === 'mark') {
        assert.ok(inside(op.rect, op.box), `page ${pi + 1}: a circle (${op.field}) leaves its box`);
      } else if (op.kind === 'rect') {
        assert.ok(inside(op.rect, printable), `page ${pi + 1}: a cell leaves the printable area`);
      }
    }
    // No two texts overlap (1 pt of slack for baseline-aligned labels next to values).
    texts.sort((a, b) => a.y - b.y);
    for (let i = 0; i < texts.length; i++) {
      const a = texts[i]!;
      for (let j = i + 1; j < texts.length && texts[j]!.y < a.y + a.size - 1; j++) {
        const b = texts[j]!;
        const overlapX = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
        assert.ok(overlapX <= 1, `page ${pi + 1}: 「${a.text}」 overlaps 「${b.text}」`);
      }
    }
  }
}

/** The drawn text of a field, in order, without whitespace. */
function drawn(layout: ReportLayout, field: string): string {
  return layout.pages
    .flatMap((p) => p.ops.filter((o): o is TextOp => o.kind === 'text' && o.field === field))
    .map((o) => o.text)
    .join('')
    .replace(/\s+/g, '');
}

describe('layout properties', () => {
  it('every valid report lays out inside its boxes, without overlaps, losing no text', () => {
    let checked = 0;
    fc.assert(
      fc.property(
        reportArb,
        fc.constantFrom('ja', 'en') as fc.Arbitrary<'ja' | 'en'>,
        fc.boolean(),
        fc
          .integer({ min: 1, max: 32 })
          .chain((n) =>
            fc.array(fc.constantFrom(...'0123456789ABCDEFabcdef'), { minLength: n, maxLength: n }),
          )
          .map((a) => a.join('')),
        (report, locale, withId, herSysId) => {
          const v = validateReport(report, { today: FIXTURE_TODAY });
          fc.pre(v.ok);
          const layout = layoutReportForPrint(report, {
            font,
            today: FIXTURE_TODAY,
            locale,
            printHerSysId: withId,
            herSysId,
          });
          assert.ok(layout.pages.length >= 1);
          checkLayout(layout);
          const c = v.report.clinical?.supplementary;
          if (c) assert.equal(drawn(layout, 'clinical.supplementary'), cleanText(c).replace(/\s+/g, ''));
          const occ = v.report.patient?.occupation;
          if (occ) assert.equal(drawn(layout, 'patient.occupation'), cleanText(occ).replace(/\s+/g, ''));
          checked++;
        },
      ),
      { numRuns: 120, seed: 20220927 },
    );
    assert.ok(checked >= 60, `only ${checked} generated reports were valid`);
  });

  it('any valid report renders to a PDF that pdf-lib loads', async () => {
    await fc.assert(
      fc.asyncProperty(reportArb, async (report) => {
        fc.pre(validateReport(report, { today: FIXTURE_TODAY }).ok);
        const bytes = await renderReportPdf(report, { font, today: FIXTURE_TODAY });
        const doc = await PDFDocument.load(bytes);
        assert.ok(doc.getPageCount() >= 1);
      }),
      { numRuns: 15, seed: 927 },
    );
  });
});

describe('wrapText', () => {
  it('never exceeds the width and loses no character', () => {
    const m = parseFont(font);
    fc.assert(
      fc.property(
        longText(400),
        fc.integer({ min: 20, max: 400 }),
        fc.constantFrom(6, 8, 9.5, 12),
        (s, width, size) => {
          const lines = wrapText(s, width, size, m);
          for (const line of lines) {
            // A line is either within the width or a single character wider than it.
            assert.ok(
              m.widthOf(line, size) <= width + 1e-6 || charsOf(line).length === 1,
              `「${line}」 is too wide`,
            );
          }
          assert.equal(lines.join('').replace(/\s+/g, ''), cleanText(s).replace(/\s+/g, ''));
        },
      ),
      { numRuns: 300, seed: 1 },
    );
  });

  it('keeps closing punctuation off the start of a line', () => {
    const m = parseFont(font);
    const w = m.widthOf('あいうえお', 10);
    const lines = wrapText('あいうえお。かきくけこ', w, 10, m);
    assert.ok(
      lines.every((l) => !l.startsWith('。')),
      lines.join('|'),
    );
    assert.equal(lines.join(''), 'あいうえお。かきくけこ');
  });
});
