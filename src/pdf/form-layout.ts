/**
 * The layout of the paper form 別記様式6-1 (新型コロナウイルス感染症 発生届), filled with a report: a pure
 * function from a report to pages of draw operations. Printing is done by `render.ts`; tests use the
 * returned geometry to check that every text stays inside its box and to find where a value is drawn.
 */
import {
  CATEGORIES,
  CERTAINTIES,
  DIAGNOSTIC_METHODS,
  INFECTION_AREAS,
  INFECTION_ROUTES,
  PREFECTURES,
  RISK_FACTORS,
  SEVERITIES,
  SEXES,
  SPECIMENS,
  SYMPTOMS,
  TEST_RESULTS,
  VACCINES,
  YES_NO,
  YES_NO_UNKNOWN,
  ageAtDiagnosis,
  formatWareki,
  labelOf,
  normalizePhone,
  normalizePostalCode,
  type Address,
  type CodeEntry,
  type OccurrenceReport,
} from '../schema/index.js';
import jaPdf from '../locales/ja/pdf.js';
import enPdf from '../locales/en/pdf.js';
import {
  ASCENT,
  Frame,
  GLUE,
  MARK_PAD_X,
  rowHeight,
  PAD,
  paginate,
  type Cell,
  type DrawOp,
  type FlowItem,
  type Measurer,
  type PageFrame,
  type PageLayout,
  type Rect,
  type Row,
  type TextOp,
} from './layout.js';

/** The printed labels of one locale (the `pdf` namespace). */
export type PdfLabels = {
  readonly [K in keyof typeof jaPdf]: (typeof jaPdf)[K] extends readonly string[]
    ? readonly string[]
    : string;
};

const LABELS: Record<'ja' | 'en', PdfLabels> = { ja: jaPdf, en: enPdf };

/** What the layout needs besides the report. */
export interface LayoutOptions {
  /** Measures text with the font that will draw it. */
  readonly measurer: Measurer;
  /** Label language; values are printed as entered. Default 'ja'. */
  readonly locale?: 'ja' | 'en';
  /** Print this HER-SYS ID in the page header (the manual's 「HER-SYS ID印字」). */
  readonly herSysId?: string;
  /** The day printed in the footer as the output date (ISO). */
  readonly printedOn?: string;
  /**
   * Messages for confirmed warnings, by issue code (already localized and interpolated). A code without
   * a message is printed as the code.
   */
  readonly warningMessage?: (code: string, path: string) => string;
}

/** The laid-out report. */
export interface ReportLayout {
  readonly pages: readonly PageLayout[];
}

/** A4 portrait in points. */
export const A4 = { width: 595.28, height: 841.89 } as const;
/** Margins: at least 14 pt (5 mm) from every edge stays free for printers that cannot print there. */
export const MARGIN = { top: 28, right: 28, bottom: 34, left: 44 } as const;

const PAGE: PageFrame = {
  width: A4.width,
  height: A4.height,
  content: {
    x: MARGIN.left,
    y: MARGIN.top,
    width: A4.width - MARGIN.left - MARGIN.right,
    height: A4.height - MARGIN.top - MARGIN.bottom,
  },
};

const SIZE = {
  title: 15,
  addressee: 10,
  preamble: 8,
  label: 7.5,
  small: 6.6,
  value: 9.5,
  name: 12,
  option: 7.8,
};
/** Width of the label column of the items laid out label-left (1, 11, 12, 18, 19). */
const LABEL_COL = 84;

/**
 * Lays out a report on A4 pages like the paper form. Pure and synchronous; throws nothing for a report
 * that passed `validateReport` (free text of any length wraps, and continues on further pages).
 */
export function layoutReport(report: OccurrenceReport, options: LayoutOptions): ReportLayout {
  const locale = options.locale ?? 'ja';
  const L = LABELS[locale];
  const m = options.measurer;
  const f = new Formatter(locale, L);
  const { C, OP, CP, B, BL, SP, PCT } = punct(L);
  const content = PAGE.content;
  const left = content.x;
  const right = content.x + content.width;
  const patientName = f.name(report.patient?.familyName, report.patient?.givenName);

  // ---- page 1 header -------------------------------------------------------------------------------
  const first: DrawOp[] = [];
  const header = new Frame(m, left, content.width, content.y);
  const headerTop = content.y;
  // Title line: HER-SYS ID (when asked) left, the title centred, the form number right.
  const idBoxW =
    options.herSysId !== undefined ? herSysIdBox(first, m, L, options.herSysId, left, headerTop) : 0;
  const formIdW = m.widthOf(L.formId, SIZE.label);
  const titleLeft = left + (content.width - m.widthOf(L.title, SIZE.title)) / 2;
  header.push({
    kind: 'text',
    text: L.formId,
    x: right - formIdW,
    y: headerTop,
    size: SIZE.label,
    width: formIdW,
  });
  // A long ID would run into the title: the title then goes below the ID box.
  header.space(idBoxW > titleLeft - left - 8 ? 21 : 1);
  header.text(L.title, { size: SIZE.title, align: 'center' });
  header.space(1);
  header.text(L.addressee, { size: SIZE.addressee });
  header.space(2);
  header.text(L.preamble, {
    size: SIZE.preamble,
    indent: SIZE.preamble,
    hanging: -SIZE.preamble,
    leading: 1.4,
  });
  header.space(4);

  // Reporter block (right) and health centers (left), side by side.
  const blockTop = header.y;
  const rx = left + 214;
  const reporter = new Frame(m, rx, right - rx, blockTop);
  const reporterLines: [string, string, string][] = [
    [L.reportDate, f.date(report.reportDate), 'reportDate'],
    [
      L.doctorName,
      f.name(report.reporter?.doctorFamilyName, report.reporter?.doctorGivenName),
      'reporter.doctorName',
    ],
    [L.institutionName, report.reporter?.institutionName ?? '', 'reporter.institutionName'],
    [L.institutionAddress, report.reporter?.institutionAddress ?? '', 'reporter.institutionAddress'],
    [L.institutionPhone, f.phone(report.reporter?.institutionPhone), 'reporter.institutionPhone'],
    [L.outOfHoursPhone, f.phone(report.reporter?.outOfHoursPhone), 'reporter.outOfHoursPhone'],
  ];
  const labelW = Math.max(...reporterLines.map(([l]) => m.widthOf(l, SIZE.label))) + 8;
  for (const [label, value, field] of reporterLines) {
    reporter.labelValue(label, value, SIZE.label, SIZE.value, field, labelW);
    reporter.push({
      kind: 'line',
      x1: rx,
      y1: reporter.y - 1.2,
      x2: right,
      y2: reporter.y - 1.2,
      width: 0.4,
    });
    reporter.space(1.6);
  }
  if (report.reporter?.notAtInstitution) {
    reporter.text(`※ ${L.notAtInstitution}`, { size: SIZE.small, indent: labelW });
  }
  const hcLabelW =
    Math.max(
      m.widthOf(L.notifiedHealthCenter, SIZE.label),
      m.widthOf(L.responsibleHealthCenter, SIZE.label),
    ) + 8;
  const hcWidth = rx - left - 18;
  const hc = new Frame(m, left + PAD.x, hcWidth - PAD.x * 2, blockTop + PAD.top);
  hc.labelValue(
    L.notifiedHealthCenter,
    report.healthCenters?.notified?.name ?? '',
    SIZE.label,
    SIZE.value,
    'healthCenters.notified',
    hcLabelW,
  );
  hc.space(3);
  hc.labelValue(
    L.responsibleHealthCenter,
    report.healthCenters?.responsible?.name ?? '',
    SIZE.label,
    SIZE.value,
    'healthCenters.responsible',
    hcLabelW,
  );
  const hcBox: Rect = { x: left, y: blockTop, width: hcWidth, height: hc.y + PAD.bottom - blockTop };
  const hcRule = left + PAD.x + hcLabelW - 4;
  first.push({ kind: 'rect', rect: hcBox, lineWidth: 0.5 });
  first.push({ kind: 'line', x1: hcRule, y1: blockTop, x2: hcRule, y2: hcBox.y + hcBox.height, width: 0.4 });
  const headerBottom = Math.max(reporter.y, hcBox.y + hcBox.height) + 4;
  const headerBox: Rect = { x: left, y: headerTop, width: content.width, height: headerBottom - headerTop };
  for (const op of [...header.ops, ...reporter.ops]) first.push(withBox(op, headerBox));
  for (const op of hc.ops) first.push(withBox(op, hcBox));
  sideNote(first, m, L);

  // ---- rows ------------------------------------------------------------------------------------------
  const rows: Row[] = [];
  const p = report.patient ?? {};
  const d = report.diagnosis ?? {};

  // 1 類型
  rows.push(
    labelled(m, L.item1, (fr) =>
      fr.flow(options_(CATEGORIES, p.category, locale, 'patient.category'), { size: SIZE.option }),
    ),
  );

  // 2–6
  {
    const widths = [150, 58, 108, 92];
    const cells = columns(m, [...widths, content.width - widths.reduce((a, b) => a + b, 0)]);
    const [c2, c3, c4, c5, c6] = cells.map((c) => c.frame) as [Frame, Frame, Frame, Frame, Frame];
    c2.labelValue(L.item2, L.furigana, SIZE.label, SIZE.small, undefined);
    c2.space(1);
    c2.text(f.name(p.familyNameKana, p.givenNameKana), { size: 8, field: 'patient.kana' });
    c2.text(patientName, { size: SIZE.name, field: 'patient.name' });
    c3.text(L.item3, { size: SIZE.label });
    c3.space(1);
    c3.flow(options_(SEXES, p.sex, locale, 'patient.sex'), { size: 9 });
    c4.text(L.item4, { size: SIZE.label });
    c4.space(3);
    c4.text(p.dateOfBirth ? f.date(p.dateOfBirth, 'birth') : f.blankDate('birth'), {
      size: SIZE.value,
      shrinkTo: 7,
      field: p.dateOfBirth ? 'patient.dateOfBirth' : undefined,
    });
    c5.text(L.item5, { size: SIZE.label });
    c5.space(3);
    c5.text(f.age(p.dateOfBirth, d.diagnosisDate), { size: SIZE.value, field: 'patient.age' });
    c6.text(L.item6, { size: SIZE.label });
    c6.space(3);
    c6.text(p.occupation ?? '', { size: 9, field: 'patient.occupation' });
    rows.push({ title: L.item2, cells, minHeight: 46 });
  }

  // 7 住所 / 8 所在地
  {
    const half = content.width / 2;
    const cells = columns(m, [half, half]);
    const address = p.addressSameAsLocation ? p.location : p.address;
    const addressPhone = p.addressPhoneSameAsLocation ? p.phone : p.addressPhone;
    addressCell(cells[0]!.frame, L.item7, f.address(address), f.phone(addressPhone), L, 'patient.address');
    addressCell(cells[1]!.frame, L.item8, f.address(p.location), f.phone(p.phone), L, 'patient.location');
    rows.push({ title: `${L.item7} / ${L.item8}`, cells, minHeight: 34 });
  }

  // 9 保護者氏名 / 10 保護者住所
  {
    const half = content.width / 2;
    const cells = columns(m, [half, half]);
    const g = p.guardian ?? {};
    const c9 = cells[0]!.frame;
    c9.labelValue(L.item9, L.guardianNote, SIZE.label, SIZE.small);
    c9.space(2);
    c9.text(g.name ?? '', { size: SIZE.value, field: 'patient.guardian.name' });
    addressCell(cells[1]!.frame, L.item10, g.address ?? '', f.phone(g.phone), L, 'patient.guardian.address');
    rows.push({ title: `${L.item9} / ${L.item10}`, cells, minHeight: 30 });
  }

  // 11 症状
  rows.push(
    labelled(m, L.item11, (fr) => {
      const chosen = new Set(d.symptoms ?? []);
      const items: FlowItem[] = [];
      for (const s of SYMPTOMS) {
        if (s.code === 'other' || s.code === 'none') continue;
        items.push({ text: s[locale], selected: chosen.has(s.code), field: 'diagnosis.symptoms' });
      }
      const spo2 = d.spo2 !== undefined ? `${L.spo2}${C}${d.spo2}${PCT}` : `${L.spo2}${C}${BL}${PCT}`;
      items.push({ text: spo2, selected: d.spo2 !== undefined, field: 'diagnosis.spo2' });
      items.push({
        text: `${labelOf(SYMPTOMS, 'other', locale)}${OP}${d.symptomOther ?? BL}${CP}`,
        selected: chosen.has('other'),
        field: 'diagnosis.symptomOther',
      });
      items.push({
        text: labelOf(SYMPTOMS, 'none', locale)!,
        selected: chosen.has('none'),
        field: 'diagnosis.symptoms',
      });
      fr.flow(items, { size: SIZE.option });
    }),
  );

  // 12 診断方法: per method, its name with the collection date and result, then its specimens.
  rows.push(
    labelled(m, L.item12, (fr) => {
      const entries = d.methods ?? [];
      DIAGNOSTIC_METHODS.forEach((method) => {
        const mine = entries.filter((e) => e.method === method.code);
        const dateResult = (e: (typeof entries)[number] | undefined): FlowItem[] => [
          { text: `${L.collectionDate}${C}`, plain: true, gap: 0.1 },
          {
            text: e?.collectionDate ? f.date(e.collectionDate) : f.blankDate('monthDay'),
            plain: true,
            field: e?.collectionDate ? 'diagnosis.methods.collectionDate' : undefined,
            gap: 1,
          },
          { text: `${L.result}${C}`, plain: true, gap: 0.1 },
          ...options_(TEST_RESULTS, e?.result, locale, 'diagnosis.methods.result', 0.6),
          ...(mine.length > 1 && e?.specimen
            ? [
                {
                  text: `${OP}${labelOf(SPECIMENS, e.specimen, locale)}${CP}`,
                  plain: true,
                } satisfies FlowItem,
              ]
            : []),
        ];
        const head: FlowItem[] = [
          { text: method[locale], selected: mine.length > 0, field: 'diagnosis.methods', gap: 1.6 },
          ...dateResult(mine[0]),
        ];
        for (const e of mine.slice(1))
          head.push({ text: '', plain: true, newLine: true, gap: 0 }, ...dateResult(e));
        fr.flow(head, { size: SIZE.option, hanging: 12 });
        const chosenSpecimens = new Set(mine.map((e) => e.specimen));
        const other = mine.find((e) => e.specimen === 'other')?.specimenOther;
        const specimenItems: FlowItem[] = [{ text: `${L.specimen}${C}`, plain: true, gap: 0.1 }];
        for (const code of method.specimens) {
          const text =
            code === 'other'
              ? `${labelOf(SPECIMENS, code, locale)}${OP}${other ?? BL}${CP}`
              : labelOf(SPECIMENS, code, locale)!;
          specimenItems.push({
            text,
            selected: chosenSpecimens.has(code),
            field: 'diagnosis.methods.specimen',
            gap: 0.5,
          });
        }
        fr.flow(specimenItems, { size: 7.5, indent: 12, hanging: m.widthOf(`${L.specimen}${C}`, 7.5) + 1 });
      });
    }),
  );

  // 13–17 dates
  {
    const w = content.width / 5;
    const cells = columns(m, [w, w, w, w, w]);
    const dates: [string, string | undefined, string][] = [
      [L.item13, d.firstVisitDate, 'diagnosis.firstVisitDate'],
      [L.item14, d.diagnosisDate, 'diagnosis.diagnosisDate'],
      [L.item15, d.estimatedInfectionDate, 'diagnosis.estimatedInfectionDate'],
      [L.item16, d.onsetDate, 'diagnosis.onsetDate'],
      [L.item17, d.deathDate, 'diagnosis.deathDate'],
    ];
    dates.forEach(([label, value, field], i) => {
      const fr = cells[i]!.frame;
      fr.text(label, { size: SIZE.label });
      fr.space(3);
      fr.text(value ? f.date(value) : f.blankDate(), {
        size: 9,
        shrinkTo: 7,
        field: value ? field : undefined,
      });
    });
    // Put the dates on a common line even when a label wraps.
    alignBottoms(cells);
    rows.push({ title: `${L.item13}–${L.item17}`, cells, minHeight: 36 });
  }

  // 18 感染原因・感染経路・感染地域, ワクチン
  rows.push(
    labelled(m, L.item18, (fr) => {
      const inf = report.infection ?? {};
      const indent = 10;
      const certainty = (code: string | undefined, field: string): FlowItem[] => [
        { text: OP, plain: true, gap: 0 },
        ...options_(CERTAINTIES, code, locale, field, 0.5, 0.2),
        { text: CP, plain: true, gap: 1 },
      ];
      const detail = inf.routeDetail ?? '';
      const routeDetailLabel: Record<string, string> = {
        droplet: L.routeDropletDetail,
        contact: L.routeContactDetail,
        other: '',
      };
      const route: FlowItem[] = [
        { text: L.route, plain: true, gap: 0.2 },
        ...certainty(inf.routeCertainty, 'infection.routeCertainty'),
      ];
      INFECTION_ROUTES.forEach((r, i) => {
        const label = routeDetailLabel[r.code]!;
        const value = inf.route === r.code ? detail : '';
        route.push({
          text: `${i + 1} ${r[locale]}`,
          selected: inf.route === r.code,
          field: 'infection.route',
          gap: 0.1,
        });
        route.push({
          text: `${OP}${label ? `${label}${C}` : ''}${value || BL}${CP}`,
          plain: true,
          field: value ? 'infection.routeDetail' : undefined,
          gap: 1,
        });
      });
      fr.flow(route, { size: SIZE.option, hanging: indent });
      const pref = labelOf(PREFECTURES, inf.prefectureCode, locale) ?? '';
      const domestic = inf.area === 'domestic';
      const abroad = inf.area === 'abroad';
      const [areaDomestic, areaAbroad] = INFECTION_AREAS;
      const blank = BL;
      fr.flow(
        [
          { text: L.region, plain: true, gap: 0.2 },
          ...certainty(inf.regionCertainty, 'infection.regionCertainty'),
          { text: `1 ${areaDomestic[locale]}`, selected: domestic, field: 'infection.area', gap: 0.1 },
          {
            text: `${OP}${L.prefecture}${C}${domestic && pref ? pref : blank}${SP}${L.city}${C}${domestic && inf.city ? inf.city : blank}${CP}`,
            plain: true,
            field: domestic && (pref || inf.city) ? 'infection.city' : undefined,
            gap: 1,
          },
          { text: `2 ${areaAbroad[locale]}`, selected: abroad, field: 'infection.area', gap: 0.1 },
          {
            text: `${OP}${L.country}${C}${abroad && inf.countries ? inf.countries : blank}${SP}${L.regionDetail}${C}${abroad && inf.regionDetail ? inf.regionDetail : blank}${CP}`,
            plain: true,
            field: abroad && inf.countries ? 'infection.countries' : undefined,
          },
        ],
        { size: SIZE.option, hanging: indent },
      );
      const travel: FlowItem[] = [
        { text: `${L.travelPeriod}${OP}${L.departureDate}${C}`, plain: true, gap: 0 },
        {
          text: inf.departureDate ? f.date(inf.departureDate) : f.blankDate(),
          plain: true,
          field: inf.departureDate ? 'infection.departureDate' : undefined,
          gap: 0,
        },
        { text: `${SP}${L.entryDate}${C}`, plain: true, gap: 0 },
        {
          text: inf.entryDate ? f.date(inf.entryDate) : f.blankDate(),
          plain: true,
          field: inf.entryDate ? 'infection.entryDate' : undefined,
          gap: 0,
        },
        { text: CP, plain: true, gap: 1 },
      ];
      if (inf.residentAbroad)
        travel.push({ text: L.residentAbroad, selected: true, field: 'infection.residentAbroad' });
      fr.flow(travel, { size: SIZE.option, indent, hanging: indent });
      vaccination(fr, report, f, L, locale);
    }),
  );

  // 19 その他
  rows.push(
    labelled(m, L.item19, (fr) => {
      const c = report.clinical ?? {};
      const rf = report.riskFactors ?? {};
      const yn = (code: string | undefined, field: string): FlowItem[] => [
        { text: OP, plain: true, gap: 0 },
        ...options_(YES_NO, code, locale, field, 0.5, 0.2),
        { text: CP, plain: true },
      ];
      fr.flow(
        [
          { text: `${B}${L.hospitalized}`, plain: true, gap: 0.2 },
          ...yn(c.hospitalized, 'clinical.hospitalized'),
          { text: `${L.admissionDate}`, plain: true, gap: 0.3 },
          {
            text: c.admissionDate ? f.date(c.admissionDate) : f.blankDate(),
            plain: true,
            field: c.admissionDate ? 'clinical.admissionDate' : undefined,
          },
          ...(c.inpatientInstitution
            ? [
                {
                  text: `${L.inpatientInstitution}${C}${c.inpatientInstitution}`,
                  plain: true,
                  field: 'clinical.inpatientInstitution',
                },
              ]
            : []),
        ],
        { size: SIZE.option, hanging: SIZE.option },
      );
      fr.flow(
        [
          { text: `${B}${L.riskFactors}`, plain: true, gap: 0.2 },
          { text: OP, plain: true, gap: 0 },
          ...options_(YES_NO_UNKNOWN, rf.presence, locale, 'riskFactors.presence', 0.5, 0.2),
          { text: CP, plain: true },
        ],
        { size: SIZE.option },
      );
      const chosen = new Set(rf.items ?? []);
      fr.flow(
        RISK_FACTORS.map((r) => ({
          text:
            r.code === 'other'
              ? `${r.number} ${r[locale]}${OP}${rf.other ?? BL}${CP}`
              : `${r.number} ${r[locale]}`,
          selected: chosen.has(r.code),
          field: r.code === 'other' && rf.other ? 'riskFactors.other' : 'riskFactors.items',
        })),
        { size: SIZE.option, indent: 10 },
      );
      fr.flow(
        [
          { text: `${B}${L.severity}`, plain: true, gap: 0.2 },
          { text: OP, plain: true, gap: 0 },
          ...options_(SEVERITIES, c.severity, locale, 'clinical.severity', 0.5, 0.2),
          { text: CP, plain: true },
        ],
        { size: SIZE.option, hanging: SIZE.option },
      );
      fr.flow(
        [
          { text: `${B}${L.hospitalizationNeeded}`, plain: true, gap: 0.2 },
          ...yn(c.hospitalizationNeeded, 'clinical.hospitalizationNeeded'),
          { text: `${B}${L.antiviralNeeded}`, plain: true, gap: 0.2 },
          ...yn(c.antiviralNeeded, 'clinical.antiviralNeeded'),
          { text: `${B}${L.oxygenNeeded}`, plain: true, gap: 0.2 },
          ...yn(c.oxygenNeeded, 'clinical.oxygenNeeded'),
        ],
        { size: SIZE.option, hanging: SIZE.option },
      );
      fr.flow(
        [
          { text: `${B}${L.telemedicine}`, plain: true, gap: 0.2 },
          ...yn(c.telemedicine, 'clinical.telemedicine'),
        ],
        {
          size: SIZE.option,
          hanging: SIZE.option,
        },
      );
      fr.text(`${B}${L.supplementary}${C}`, { size: SIZE.option, leading: 1.35 });
      if (c.supplementary)
        fr.text(c.supplementary, {
          size: 8.5,
          indent: SIZE.option,
          field: 'clinical.supplementary',
          leading: 1.35,
        });
      else fr.space(SIZE.option * 1.35);
    }),
  );

  // Confirmed warnings
  const warnings = report.confirmedWarnings ?? [];
  if (warnings.length > 0) {
    rows.push(
      labelled(m, L.confirmedWarnings, (fr) => {
        for (const w of warnings) {
          const message = options.warningMessage?.(w.code, w.path) ?? w.code;
          const parts = [`${B}${message}`];
          if (w.reason) parts.push(`${L.confirmedReason}${C}${w.reason}`);
          if (w.confirmedAt) parts.push(`${L.confirmedAt}${C}${f.dateTime(w.confirmedAt)}`);
          fr.text(parts.join('　'), {
            size: SIZE.option,
            hanging: SIZE.option,
            field: 'confirmedWarnings',
            leading: 1.35,
          });
        }
      }),
    );
  }

  // Footnotes: fixed at the foot of page 1, as on the paper form; the rows end above them.
  const notes = new Frame(m, left, content.width, 0);
  for (const note of L.footnotes) {
    notes.text(`${L.note}${SP}${note}`, { size: SIZE.small, hanging: SIZE.small * 2, leading: 1.3 });
  }
  const notesTop = content.y + content.height - notes.y;
  const notesBox: Rect = { x: left, y: notesTop, width: content.width, height: notes.y };
  for (const op of notes.ops)
    first.push(withBox(op.kind === 'text' ? { ...op, y: op.y + notesTop } : op, notesBox));

  // When everything fits on page 1, the last box grows down to the footnotes, as the paper form's table
  // fills its page (room for a handwritten note, too).
  const firstBottom = notesTop - 4;
  const total = rows.reduce((sum, row) => sum + rowHeight(row), 0);
  if (headerBottom + total <= firstBottom && rows.length > 0) {
    const last = rows[rows.length - 1]!;
    rows[rows.length - 1] = { ...last, minHeight: rowHeight(last) + (firstBottom - headerBottom - total) };
  }

  // ---- paginate and add the page furniture ----------------------------------------------------------
  const pageOps = paginate(
    rows,
    PAGE,
    { ops: first, y: headerBottom, bottom: firstBottom },
    {
      m,
      continuesNote: L.continuesOnNextPage,
      continuedTitle: (title) => `${title}${L.continued}`,
      continuationHeader(ops) {
        const fr = new Frame(m, left, content.width, content.y);
        const idW =
          options.herSysId !== undefined ? herSysIdBox(ops, m, L, options.herSysId, left, content.y) : 0;
        const contTitleLeft = left + (content.width - m.widthOf(L.continuedTitle, 12)) / 2;
        fr.text(L.formId, { size: SIZE.label, align: 'right' });
        fr.space(idW > contTitleLeft - left - 8 ? 12 : idW > 0 ? 6 : 2);
        fr.text(L.continuedTitle, { size: 12, align: 'center' });
        fr.space(2);
        fr.labelValue(`${L.patientOnContinuation}${C}`, patientName, SIZE.label, SIZE.value, 'patient.name');
        fr.space(4);
        const box: Rect = { x: left, y: content.y, width: content.width, height: fr.y - content.y };
        for (const op of fr.ops) ops.push(withBox(op, box));
        return fr.y;
      },
    },
  );

  const pages: PageLayout[] = pageOps.map((ops, i) => {
    footer(ops, m, L, f, i + 1, pageOps.length, options.printedOn);
    return { width: PAGE.width, height: PAGE.height, content: PAGE.content, ops };
  });
  return { pages };
}

// ---------------------------------------------------------------------------------------------------
// Building blocks

function withBox(op: DrawOp, box: Rect): DrawOp {
  return op.kind === 'text' || op.kind === 'mark' ? { ...op, box } : op;
}

/** Cells side by side across the content width. */
function columns(m: Measurer, widths: readonly number[]): Cell[] {
  let x = PAGE.content.x;
  return widths.map((width) => {
    const cell: Cell = { x, width, frame: new Frame(m, x + PAD.x, width - PAD.x * 2, PAD.top) };
    x += width;
    return cell;
  });
}

/** A row with the item's label in a left column and its content on the right. */
function labelled(m: Measurer, label: string, build: (fr: Frame) => void): Row {
  const [lc, cc] = columns(m, [LABEL_COL, PAGE.content.width - LABEL_COL]) as [Cell, Cell];
  lc.frame.text(label, { size: SIZE.label, hanging: SIZE.label, leading: 1.35 });
  build(cc.frame);
  return { title: label, cells: [lc, cc] };
}

/** Moves the last text line of each cell down so the values of a row of dates share a baseline. */
function alignBottoms(cells: Cell[]): void {
  const lastOf = (c: Cell) => c.frame.ops[c.frame.ops.length - 1] as TextOp | undefined;
  const maxY = Math.max(...cells.map((c) => lastOf(c)?.y ?? 0));
  for (const c of cells) {
    const last = lastOf(c);
    if (!last || last.y === maxY) continue;
    c.frame.ops[c.frame.ops.length - 1] = { ...last, y: maxY };
    c.frame.y += maxY - last.y;
  }
}

function addressCell(
  fr: Frame,
  label: string,
  address: string,
  phone: string,
  L: PdfLabels,
  field: string,
): void {
  // The label left and the telephone right on the first line, the address below.
  const top = fr.y;
  fr.text(label, { size: SIZE.label });
  const labelEnd = fr.x + fr.m.widthOf(label, SIZE.label) + 12;
  const phoneLabelW = fr.m.widthOf(L.phone, SIZE.label) + 4;
  const phoneW = Math.max(fr.m.widthOf(phone, 9), 70);
  const px = Math.max(labelEnd, fr.x + fr.width - phoneLabelW - phoneW);
  const sub = new Frame(fr.m, px, fr.x + fr.width - px, top - 1);
  sub.labelValue(L.phone, phone, SIZE.label, 9, phone ? `${field}.phone` : undefined, phoneLabelW);
  for (const op of sub.ops) fr.ops.push(op);
  fr.y = Math.max(fr.y, sub.y);
  fr.space(1);
  fr.text(address, { size: 9, field: address ? field : undefined });
}

/** Options of a code list as flow items, the chosen one circled; separated by 「・」 like the form. */
function options_(
  list: readonly CodeEntry[],
  chosen: string | undefined,
  locale: 'ja' | 'en',
  field: string,
  gap = 0.9,
  lastGap = gap,
): FlowItem[] {
  // A bracketed list (lastGap below GLUE, followed by 「）」) wraps as one unit when it is short.
  const keep = lastGap < GLUE && list.length <= 3;
  return list.map((e, i) => ({
    text: e[locale],
    selected: e.code === chosen,
    field,
    gap: i === list.length - 1 ? lastGap : gap,
    keep,
  }));
}

/** Draws the boxed HER-SYS ID at the top left; returns the box's width. */
function herSysIdBox(ops: DrawOp[], m: Measurer, L: PdfLabels, id: string, x: number, y: number): number {
  const label = `${L.herSysId}`;
  const lw = m.widthOf(label, SIZE.label);
  const vw = m.widthOf(id, 11);
  const box: Rect = { x, y, width: lw + vw + 22, height: 18 };
  ops.push({ kind: 'rect', rect: box, lineWidth: 0.8 });
  ops.push({
    kind: 'text',
    text: label,
    x: x + 6,
    y: y + 5.5 + (11 - SIZE.label) * ASCENT - 0.5,
    size: SIZE.label,
    width: lw,
    box,
  });
  ops.push({
    kind: 'text',
    text: id,
    x: x + 14 + lw,
    y: y + 3.5,
    size: 11,
    width: vw,
    box,
    field: 'herSysId',
  });
  return box.width;
}

/** 「この届出は診断後直ちに行ってください」, set vertically in the left margin as on the paper form. */
function sideNote(ops: DrawOp[], m: Measurer, L: PdfLabels): void {
  const size = 8.5;
  const chars = Array.from(L.sideNote);
  const top = 250;
  // Only Japanese stacks vertically; the English gloss carries the note in its footnotes instead.
  if (/[A-Za-z]/.test(L.sideNote)) return;
  const height = chars.length * size * 1.15;
  const box: Rect = { x: 14, y: top - 4, width: 22, height: height + 8 };
  ops.push({ kind: 'rect', rect: box, lineWidth: 0.6 });
  chars.forEach((ch, i) => {
    const w = m.widthOf(ch, size);
    ops.push({
      kind: 'text',
      text: ch,
      x: box.x + (box.width - w) / 2,
      y: top + i * size * 1.15,
      size,
      width: w,
      box,
    });
  });
}

function footer(
  ops: DrawOp[],
  m: Measurer,
  L: PdfLabels,
  f: Formatter,
  page: number,
  pages: number,
  printedOn?: string,
): void {
  const { C } = punct(L);
  const size = 7;
  const y = PAGE.height - MARGIN.bottom + 10;
  const box: Rect = { x: PAGE.content.x, y: y - 2, width: PAGE.content.width, height: size + 4 };
  const pageText = L.page.replace('{{page}}', String(page)).replace('{{pages}}', String(pages));
  const pw = m.widthOf(pageText, size);
  ops.push({ kind: 'text', text: pageText, x: box.x + box.width - pw, y, size, width: pw, box });
  if (printedOn) {
    const text = `${L.printedOn}${C}${f.date(printedOn)}`;
    ops.push({ kind: 'text', text, x: box.x, y, size, width: m.widthOf(text, size), box });
  }
}

function vaccination(
  fr: Frame,
  report: OccurrenceReport,
  f: Formatter,
  L: PdfLabels,
  locale: 'ja' | 'en',
): void {
  const { C, OP, CP, BL } = punct(L);
  const v = report.vaccination ?? {};
  const dob = report.patient?.dateOfBirth;
  const count =
    v.doseCount === 'unknown'
      ? labelOf(YES_NO_UNKNOWN, 'unknown', locale)!
      : v.doseCount !== undefined
        ? L.doseCountValue.replace('{{count}}', String(v.doseCount))
        : BL;
  const latestVaccine =
    v.latestVaccine === 'other' && v.latestVaccineOther
      ? v.latestVaccineOther
      : labelOf(VACCINES, v.latestVaccine, locale);
  const summary: FlowItem[] = [
    { text: L.vaccination, plain: true, gap: 1 },
    { text: `${L.doseCount}${C}`, plain: true, gap: 0 },
    {
      text: count,
      plain: true,
      field: v.doseCount !== undefined ? 'vaccination.doseCount' : undefined,
      gap: 1,
    },
  ];
  if (v.latestDate || latestVaccine) {
    summary.push({ text: `${L.latestDose}${C}`, plain: true, gap: 0 });
    if (v.latestDate)
      summary.push({ text: f.date(v.latestDate), plain: true, field: 'vaccination.latestDate', gap: 0.5 });
    if (latestVaccine) summary.push({ text: latestVaccine, plain: true, field: 'vaccination.latestVaccine' });
  }
  fr.flow(summary, { size: SIZE.option });
  const doses = [...(v.doses ?? [])].sort((a, b) => a.dose - b.dose);
  if (doses.length === 0) return;
  // Column widths from the widest content, so that no column wraps in either language.
  const ordinalW =
    Math.max(
      ...doses.map((x) => fr.m.widthOf(L.doseOrdinal.replace('{{dose}}', String(x.dose)), SIZE.option)),
    ) + 8;
  const givenW =
    fr.m.widthOf(
      `${YES_NO_UNKNOWN.map((e) => e[locale]).join('')}${OP}${L.ageAtDose.replace('{{age}}', '100')}${CP}`,
      SIZE.option,
    ) +
    SIZE.option * 1.5 +
    (MARK_PAD_X + 0.4) * 2 +
    6;
  const productX = 10 + ordinalW + givenW;
  const dateX = Math.max(productX + 120, fr.width - fr.m.widthOf('令和00年00月00日', SIZE.option) - 6);
  const cols = [
    { offset: 10, width: ordinalW },
    { offset: 10 + ordinalW, width: givenW },
    { offset: productX, width: dateX - productX - 4 },
    { offset: dateX, width: 999 },
  ];
  const small = 7;
  fr.tabs(
    [
      { ...cols[2]!, items: [{ text: L.vaccineProduct, plain: true }] },
      { ...cols[3]!, items: [{ text: L.vaccinationDate, plain: true }] },
    ],
    { size: small, leading: 1.3 },
  );
  for (const dose of doses) {
    const age = dob && dose.date ? ageAtDiagnosis(dob, dose.date) : undefined;
    const product =
      dose.vaccine === 'other' && dose.vaccineOther
        ? dose.vaccineOther
        : labelOf(VACCINES, dose.vaccine, locale);
    const given: FlowItem[] = YES_NO_UNKNOWN.map((e) => ({
      text:
        e.code === 'yes' && age
          ? `${e[locale]}${OP}${L.ageAtDose.replace('{{age}}', String(age.years))}${CP}`
          : e[locale],
      selected: dose.given === e.code,
      field: 'vaccination.doses.given',
      gap: 0.5,
    }));
    fr.tabs(
      [
        { ...cols[0]!, items: [{ text: L.doseOrdinal.replace('{{dose}}', String(dose.dose)), plain: true }] },
        { ...cols[1]!, items: given },
        {
          ...cols[2]!,
          items: [
            { text: product ?? BL, plain: true, field: product ? 'vaccination.doses.vaccine' : undefined },
          ],
        },
        {
          ...cols[3]!,
          items: [
            {
              text: dose.date
                ? f.date(dose.date)
                : dose.dateUnknown
                  ? labelOf(YES_NO_UNKNOWN, 'unknown', locale)!
                  : f.blankDate(),
              plain: true,
              field: dose.date ? 'vaccination.doses.date' : undefined,
            },
          ],
        },
      ],
      { size: SIZE.option },
    );
  }
}

/** The punctuation of a locale: full-width in Japanese, ASCII in English. */
function punct(L: PdfLabels) {
  return { C: L.colon, OP: L.lparen, CP: L.rparen, B: L.bullet, BL: L.blank, SP: L.space, PCT: L.percent };
}

/** Formats values as the form prints them. */
class Formatter {
  constructor(
    readonly locale: 'ja' | 'en',
    readonly L: PdfLabels,
  ) {}

  /** 和暦 (ja) as the form writes it: 令和4年9月27日; ISO in English. */
  date(iso: string | undefined, _kind?: 'birth'): string {
    if (!iso) return '';
    if (this.locale === 'en') return iso;
    return formatWareki(iso, { style: 'long' });
  }

  /** The form's empty date: 「令和__年__月__日」 (birth dates: 「__年__月__日」, any era). */
  blankDate(kind?: 'birth' | 'monthDay'): string {
    if (this.locale === 'en') return '____-__-__';
    const BL = this.L.blank;
    if (kind === 'monthDay') return `${BL}月${BL}日`;
    return kind === 'birth' ? `${BL}年${BL}月${BL}日` : this.L.dateBlank;
  }

  dateTime(text: string): string {
    const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(text);
    if (!m) return text;
    return `${this.date(m[1])} ${m[2]}`;
  }

  name(family?: string, given?: string): string {
    const sep = this.L.space === '  ' ? ' ' : this.L.space;
    return [family, given].filter((s) => s !== undefined && s.trim() !== '').join(sep);
  }

  phone(phone?: string): string {
    return phone ? normalizePhone(phone) : '';
  }

  address(a: Address | undefined): string {
    if (!a) return '';
    const postal = a.postalCode ? normalizePostalCode(a.postalCode) : undefined;
    const pref = labelOf(PREFECTURES, a.prefectureCode, 'ja') ?? '';
    const head = postal ? `〒${postal.ok ? postal.formatted : a.postalCode} ` : '';
    return `${head}${pref}${a.city ?? ''}${a.street ?? ''}`.trim();
  }

  /** 「72歳（_か月）」; the months only for a 0-year-old, as the form asks. */
  age(dob?: string, diagnosisDate?: string): string {
    const age = dob && diagnosisDate ? ageAtDiagnosis(dob, diagnosisDate) : undefined;
    const L = this.L;
    const { OP, CP, BL } = punct(L);
    if (this.locale === 'en') {
      if (!age) return `___ ${L.yearsOld}`;
      return age.years === 0 ? `0 ${L.yearsOld} ${age.months} ${L.months}` : `${age.years} ${L.yearsOld}`;
    }
    if (!age) return `${BL}${L.yearsOld}${OP}${BL}${L.months}${CP}`;
    return `${age.years}${L.yearsOld}${OP}${age.years === 0 ? age.months : BL}${L.months}${CP}`;
  }
}
