/**
 * ja resources of the 'issues' namespace: one message per issue code (src/schema/issue-codes.ts), keyed by
 * the code itself. Interpolation: {{field}} is the field's label, {{otherField}} the label of the field it
 * is compared with; the other names are the issue's params. Keys are stable.
 */
export const jaIssueMessages = {
  'type.invalid': '{{field}}の値の種類が正しくありません。',
  'field.unknown': '{{field}}は届出の項目ではありません（項目名を確認してください）。',
  'text.tooLong': '{{field}}は{{max}}文字以内で入力してください。',
  'enum.invalid': '{{field}}に選択肢にない値「{{value}}」が入っています。',
  'format.invalid': '{{field}}の形式が正しくありません。',
  'number.tooSmall': '{{field}}は{{min}}以上にしてください。',
  'number.tooLarge': '{{field}}は{{max}}以下にしてください。',
  'number.notInteger': '{{field}}は整数で入力してください。',
  'array.tooLong': '{{field}}は{{max}}件までです。',
  'array.duplicate': '{{field}}「{{value}}」が重複しています。',
  'value.invalid': '{{field}}の値が正しくありません。',
  'date.format': '{{field}}は日付として読み取れません（例：2022/9/27、R4.9.27、令和4年9月27日）。',
  'date.empty': '{{field}}を入力してください。',
  'date.invalid': '{{field}}「{{value}}」は存在しない日付です。',
  'date.outsideEra': '{{field}}の元号と日付が合いません（例：平成31年は4月30日まで）。',
  required: '{{field}}は必須です。',
  recommended: '{{field}}が入力されていません。可能な限りご入力ください。',
  notApplicable: 'この届出では{{field}}は入力しません。内容をご確認ください。',
  'date.D1.future': '{{field}}（{{date}}）が未来の日付です。',
  'date.D1.afterReportDate': '{{field}}（{{date}}）が報告年月日（{{otherDate}}）より後になっています。',
  'date.D2.beforeBirth':
    '{{field}}（{{date}}）が生年月日（{{otherDate}}）より前になっています。生年月日をご確認ください。',
  'date.D3.firstVisitAfterDiagnosis':
    '初診年月日（{{date}}）が診断年月日（{{otherDate}}）より後になっています。',
  'date.D4.infectionAfterOnset':
    '感染したと推定される年月日（{{date}}）が発病年月日（{{otherDate}}）より後になっています。',
  'date.D4.infectionAfterDiagnosis':
    '感染したと推定される年月日（{{date}}）が診断年月日（{{otherDate}}）より後になっています。',
  'date.D5.onsetAfterDiagnosis':
    '発病年月日（{{date}}）が診断年月日（{{otherDate}}）より後です。診断時に無症状であれば、類型は「無症状病原体保有者」ではありませんか。',
  'date.D7.deathAfterDiagnosis': '死亡年月日（{{date}}）が検案年月日（{{otherDate}}）より後になっています。',
  'date.D7.onsetAfterDeath': '発病年月日（{{date}}）が死亡年月日（{{otherDate}}）より後になっています。',
  'date.D8.specimenAfterDiagnosis':
    '{{field}}（{{date}}）が診断年月日（{{otherDate}}）より後になっています。',
  'date.D9.lateReport':
    '報告年月日が診断年月日（{{otherDate}}）の{{days}}日後です。発生届は診断後直ちに提出してください。',
  'date.D12.admissionAfterDeath': '入院年月日（{{date}}）が死亡年月日（{{otherDate}}）より後になっています。',
  'date.D14.onsetLongBeforeDiagnosis':
    '発病年月日が診断年月日の{{days}}日前です（{{limit}}日を超えています）。日付をご確認ください。',
  'date.D14.infectionLongBeforeOnset':
    '感染したと推定される年月日が発病年月日の{{days}}日前です（{{limit}}日を超えています）。日付をご確認ください。',
  'age.implausible': '生年月日から計算した年齢が{{years}}歳です。生年月日をご確認ください。',
  'category.D6.asymptomaticWithSymptoms': '類型が「無症状病原体保有者」ですが、症状が入力されています。',
  'category.D6.confirmedWithoutSymptoms':
    '類型が「患者（確定例）」ですが、症状が「症状なし」です。類型をご確認ください。',
  'symptoms.noneWithOthers': '「症状なし」と他の症状が同時に選ばれています。',
  'diagnosis.D8.noPositiveMethod':
    '陽性の診断方法がありません。疑似症患者でなければ、陽性の検査を入力してください。',
  'diagnosis.specimenNotAllowed': 'この診断方法では選んだ検体は使えません。',
  'spo2.outOfRange': '酸素飽和度は{{min}}〜{{max}}％で入力してください。',
  'spo2.severityMismatch': '酸素飽和度が{{spo2}}％（{{limit}}％以下）ですが、重症度が軽症または無症状です。',
  'riskFactors.itemsWithoutPresence': 'リスク因子が選ばれていますが、有無が「有」になっていません。',
  'riskFactors.pregnancyNotFemale': '性別が男性ですが、「妊婦」が選ばれています。',
  'vaccination.D13.doseOrder':
    '{{dose}}回目の接種年月日（{{date}}）が{{otherDose}}回目（{{otherDate}}）より前か同じ日です。',
  'vaccination.D13.beforeProgramme': '接種年月日（{{date}}）が国内の接種開始日（{{start}}）より前です。',
  'vaccination.D13.afterDiagnosis': '接種年月日（{{date}}）が診断年月日（{{otherDate}}）より後です。',
  'vaccination.D13.doseCountMismatch':
    '接種回数（{{count}}回）より多くの接種（{{listed}}回）が入力されています。',
  'vaccination.D13.latestDateMismatch':
    '最近の接種年月日（{{date}}）が最後の接種の日付（{{otherDate}}）と違います。',
  'travel.D15.departureAfterEntry': '出国日（{{date}}）が入国日（{{otherDate}}）より後になっています。',
  'travel.D15.entryAfterDiagnosis': '入国日（{{date}}）が診断年月日（{{otherDate}}）より後になっています。',
  'travel.D15.notAbroad': '感染地域が日本国内ですが、渡航期間が入力されています。',
  'eligibility.D16.notInFourCategories':
    '{{from}}以降の診断では、65歳以上・入院を要する・重症化リスクがあり治療薬または酸素投与が必要・妊婦のいずれかに当たる方のみ発生届の対象です。対象外の方は日次報告で件数のみ報告してください。',
  'eligibility.D17.suspectedNotHospitalized': '入院を要しない疑似症患者は発生届の提出が不要です。',
  'phone.invalid': '{{field}}「{{value}}」は電話番号として正しくありません。',
  'phone.notMobile':
    '当該者電話番号が携帯電話ではありません。My HER-SYS等のSMSが届きません。連絡のつく携帯電話番号を推奨します。',
  'phone.confirmationRequired':
    '携帯電話番号は確認のためもう一度入力してください（入力間違いがあると別の方にSMSが届きます）。',
  'phone.confirmationMismatch': '確認用の電話番号が当該者電話番号と一致しません。',
  'postal.invalid': '{{field}}「{{value}}」は郵便番号（7桁）として正しくありません。',
  'kana.invalid': '{{field}}はカタカナで入力してください（長音は「ー」、区切りは「・」）。',
  'prefecture.invalid': '{{field}}「{{value}}」は都道府県コードではありません。',
} as const;

/**
 * The namespace as it is registered: flat, dotted keys. i18next finds a key holding dots as it is (its
 * `deepFind`, on by default), and so does the components' translator, so no nesting step is needed.
 */
const issues: Readonly<Record<string, string>> = jaIssueMessages;
export default issues;
