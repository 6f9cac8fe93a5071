/**
 * ja strings of the FAX layout of `<hersys-report-form>` (the `form.fax` subtree of the `ui` namespace),
 * following the paper form 別記様式6-1. Apart from ./ui-form.ts because the FAX layout loads by need.
 */
const fax = {
  title: '新型コロナウイルス感染症 発生届',
  addressee: '都道府県知事（保健所設置市長・特別区長）殿',
  preamble:
    '感染症の予防及び感染症の患者に対する医療に関する法律第１２条第１項（同条第８項において準用する場合を含む。）の規定により、以下のとおり届け出る。',
  n1: '1 診断（検案）した者（死体）の類型',
  n2: '2 当該者氏名（フリガナ）',
  n3: '3 性別',
  n4: '4 生年月日',
  n5: '5 診断時の年齢（0歳は月齢）',
  n6: '6 当該者職業',
  n7: '7 当該者住所',
  n8: '8 当該者所在地',
  n9: '9 保護者氏名',
  n10: '10 保護者住所',
  n9note: '（9、10は患者が未成年の場合のみ記入）',
  n11: '11 症状',
  n12: '12 診断方法',
  n13: '13 初診年月日',
  n14: '14 診断（検案（※））年月日',
  n15: '15 感染したと推定される年月日',
  n16: '16 発病年月日（＊）',
  n17: '17 死亡年月日（※）',
  n18: '18 感染原因・感染経路・感染地域',
  n18vaccine: '③ 新型コロナウイルスワクチン接種歴',
  n19: '19 その他感染症のまん延の防止及び当該者の医療のために医師が必要と認める事項',
  extra: 'HER-SYS 入力項目（紙様式にない項目）',
  footnote:
    '1、3、11、12、18欄は該当する番号等を○で囲み、4、5、13から17欄は年齢、年月日を記入すること。（※）欄は、死亡者を検案した場合のみ記入すること。（＊）欄は、患者（確定例）を診断した場合のみ記入すること。11、12欄においては、該当するものすべてを記載すること。',
} as const;
export default fax;

/** The `form` strings only the FAX layout renders (its notes and per-dose rows), at their usual keys. */
export const faxForm = {
  onsetNote: '※患者（確定例）を診断した場合のみ入力',
  deathNote: '※死亡者を検案した場合のみ入力',
  doseN: '{{n}}回目',
  label: {
    doseGiven: '接種の有無',
    doseVaccine: 'ワクチンの種類／製造会社',
    doseVaccineOther: 'ワクチン（その他）',
    doseDate: '接種年月日',
  },
} as const;
