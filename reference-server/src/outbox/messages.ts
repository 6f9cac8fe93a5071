/**
 * The notification texts. A mail says which report arrived (institution, report date, category, HER-SYS ID)
 * and links to it; the whole report only with `mailFullContent`. The SMS never carries a name or a HER-SYS
 * ID (Tottori, 2022: a wrong number sent 24 patients someone else's ID), only a single-use link.
 */
import { CATEGORIES, SEVERITIES, SEXES, labelOf, type OccurrenceReport } from 'hersys-sdk/schema';

export interface MailPayload {
  to: string;
  toName: string;
  role: 'notified' | 'responsible' | 'prefecture';
  subject: string;
  text: string;
}

export interface SmsPayload {
  /** Digits of the mobile number. */
  to: string;
  text: string;
  inviteId: string;
}

export interface ReportMailInput {
  recipientName: string;
  role: MailPayload['role'];
  email: string;
  institutionName: string;
  reportDate: string;
  herSysId: string;
  link: string;
  report: OccurrenceReport;
  fullContent: boolean;
}

const ROLE_JA: Record<MailPayload['role'], string> = {
  notified: '届出保健所',
  responsible: '担当保健所',
  prefecture: '都道府県',
};

export function reportMail(m: ReportMailInput): MailPayload {
  const category = labelOf(CATEGORIES, m.report.patient?.category) ?? '（未記入）';
  const lines = [
    `${m.recipientName} ご担当者様（${ROLE_JA[m.role]}）`,
    '',
    '新型コロナウイルス感染症の発生届が報告されました。',
    '',
    `報告医療機関: ${m.institutionName}`,
    `報告年月日: ${m.reportDate}`,
    `類型: ${category}`,
    `HER-SYS ID: ${m.herSysId}`,
    '',
    '内容は次のリンクから確認してください（サインインが必要です）:',
    m.link,
  ];
  if (m.fullContent) lines.push('', '---- 発生届の内容 ----', ...fullContent(m.report));
  lines.push('', '※このメールは送信専用です。HER-SYS reference server から自動送信されています。');
  return {
    to: m.email,
    toName: m.recipientName,
    role: m.role,
    subject: `【発生届】${m.institutionName} ${m.reportDate} ${category}`,
    text: lines.join('\n'),
  };
}

function fullContent(r: OccurrenceReport): string[] {
  const p = r.patient ?? {};
  const d = r.diagnosis ?? {};
  const loc = p.location;
  return [
    `氏名: ${p.familyName ?? ''} ${p.givenName ?? ''}（${p.familyNameKana ?? ''} ${p.givenNameKana ?? ''}）`,
    `性別: ${labelOf(SEXES, p.sex) ?? ''}`,
    `生年月日: ${p.dateOfBirth ?? ''}`,
    `所在地: ${loc ? [loc.postalCode, loc.city, loc.street].filter(Boolean).join(' ') : ''}`,
    `電話番号: ${p.phone ?? ''}`,
    `診断年月日: ${d.diagnosisDate ?? ''}`,
    `発病年月日: ${d.onsetDate ?? ''}`,
    `検体採取日: ${d.specimenCollectionDate ?? ''}`,
    `重症度: ${labelOf(SEVERITIES, r.clinical?.severity) ?? ''}`,
    `医師: ${r.reporter?.doctorFamilyName ?? ''} ${r.reporter?.doctorGivenName ?? ''}`,
  ];
}

export function observationSms(input: {
  to: string;
  healthCenterName: string | undefined;
  link: string;
  expiresOn: string;
  inviteId: string;
}): SmsPayload {
  const from = input.healthCenterName ? `${input.healthCenterName}から` : '保健所から';
  return {
    to: input.to,
    inviteId: input.inviteId,
    text:
      `${from}健康観察（My HER-SYS）のご案内です。` +
      `次のURLから毎日の健康状態を入力してください（${input.expiresOn}まで有効・1回限り）。${input.link}`,
  };
}
