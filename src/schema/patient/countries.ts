/**
 * 国籍: the countries and areas of ISO 3166-1 (alpha-2, alpha-3) with Japanese and English names.
 *
 * Composed for this SDK from ISO 3166-1 (2024 list, 249 entries). Japanese names follow the usual
 * 外務省 short forms (アメリカ合衆国 → アメリカ, 大韓民国 → 韓国). `kana` is the reading used for search, so
 * typing 「ちゅうごく」 or 「チュウ」 finds 中国; `aliases` are other names people type (米国, 英国, USA).
 */
export interface Country {
  /** ISO 3166-1 alpha-2, the code stored in records (`JP`). */
  readonly code: string;
  /** ISO 3166-1 alpha-3 (`JPN`). */
  readonly alpha3: string;
  readonly ja: string;
  readonly en: string;
  /** Katakana reading of the Japanese name (for kana search). */
  readonly kana: string;
  /** Other names a user may type. */
  readonly aliases: readonly string[];
}

// alpha2|alpha3|ja|kana|en|aliases (comma separated)
const TABLE = `AF|AFG|アフガニスタン|アフガニスタン|Afghanistan|
AX|ALA|オーランド諸島|オーランドショトウ|Åland Islands|
AL|ALB|アルバニア|アルバニア|Albania|
DZ|DZA|アルジェリア|アルジェリア|Algeria|
AS|ASM|米領サモア|ベイリョウサモア|American Samoa|
AD|AND|アンドラ|アンドラ|Andorra|
AO|AGO|アンゴラ|アンゴラ|Angola|
AI|AIA|アンギラ|アンギラ|Anguilla|
AQ|ATA|南極|ナンキョク|Antarctica|
AG|ATG|アンティグア・バーブーダ|アンティグアバーブーダ|Antigua and Barbuda|
AR|ARG|アルゼンチン|アルゼンチン|Argentina|
AM|ARM|アルメニア|アルメニア|Armenia|
AW|ABW|アルバ|アルバ|Aruba|
AU|AUS|オーストラリア|オーストラリア|Australia|豪州
AT|AUT|オーストリア|オーストリア|Austria|
AZ|AZE|アゼルバイジャン|アゼルバイジャン|Azerbaijan|
BS|BHS|バハマ|バハマ|Bahamas|
BH|BHR|バーレーン|バーレーン|Bahrain|
BD|BGD|バングラデシュ|バングラデシュ|Bangladesh|
BB|BRB|バルバドス|バルバドス|Barbados|
BY|BLR|ベラルーシ|ベラルーシ|Belarus|
BE|BEL|ベルギー|ベルギー|Belgium|
BZ|BLZ|ベリーズ|ベリーズ|Belize|
BJ|BEN|ベナン|ベナン|Benin|
BM|BMU|バミューダ|バミューダ|Bermuda|
BT|BTN|ブータン|ブータン|Bhutan|
BO|BOL|ボリビア|ボリビア|Bolivia|
BQ|BES|ボネール、シント・ユースタティウスおよびサバ|ボネール|Bonaire, Sint Eustatius and Saba|
BA|BIH|ボスニア・ヘルツェゴビナ|ボスニアヘルツェゴビナ|Bosnia and Herzegovina|
BW|BWA|ボツワナ|ボツワナ|Botswana|
BV|BVT|ブーベ島|ブーベトウ|Bouvet Island|
BR|BRA|ブラジル|ブラジル|Brazil|
IO|IOT|英領インド洋地域|エイリョウインドヨウチイキ|British Indian Ocean Territory|
BN|BRN|ブルネイ|ブルネイ|Brunei Darussalam|Brunei
BG|BGR|ブルガリア|ブルガリア|Bulgaria|
BF|BFA|ブルキナファソ|ブルキナファソ|Burkina Faso|
BI|BDI|ブルンジ|ブルンジ|Burundi|
CV|CPV|カーボベルデ|カーボベルデ|Cabo Verde|Cape Verde
KH|KHM|カンボジア|カンボジア|Cambodia|
CM|CMR|カメルーン|カメルーン|Cameroon|
CA|CAN|カナダ|カナダ|Canada|
KY|CYM|ケイマン諸島|ケイマンショトウ|Cayman Islands|
CF|CAF|中央アフリカ|チュウオウアフリカ|Central African Republic|
TD|TCD|チャド|チャド|Chad|
CL|CHL|チリ|チリ|Chile|
CN|CHN|中国|チュウゴク|China|中華人民共和国
CX|CXR|クリスマス島|クリスマストウ|Christmas Island|
CC|CCK|ココス（キーリング）諸島|ココスショトウ|Cocos (Keeling) Islands|
CO|COL|コロンビア|コロンビア|Colombia|
KM|COM|コモロ|コモロ|Comoros|
CG|COG|コンゴ共和国|コンゴキョウワコク|Congo|
CD|COD|コンゴ民主共和国|コンゴミンシュキョウワコク|Congo, Democratic Republic of the|
CK|COK|クック諸島|クックショトウ|Cook Islands|
CR|CRI|コスタリカ|コスタリカ|Costa Rica|
CI|CIV|コートジボワール|コートジボワール|Côte d'Ivoire|Ivory Coast
HR|HRV|クロアチア|クロアチア|Croatia|
CU|CUB|キューバ|キューバ|Cuba|
CW|CUW|キュラソー|キュラソー|Curaçao|
CY|CYP|キプロス|キプロス|Cyprus|
CZ|CZE|チェコ|チェコ|Czechia|Czech Republic
DK|DNK|デンマーク|デンマーク|Denmark|
DJ|DJI|ジブチ|ジブチ|Djibouti|
DM|DMA|ドミニカ国|ドミニカコク|Dominica|
DO|DOM|ドミニカ共和国|ドミニカキョウワコク|Dominican Republic|
EC|ECU|エクアドル|エクアドル|Ecuador|
EG|EGY|エジプト|エジプト|Egypt|
SV|SLV|エルサルバドル|エルサルバドル|El Salvador|
GQ|GNQ|赤道ギニア|セキドウギニア|Equatorial Guinea|
ER|ERI|エリトリア|エリトリア|Eritrea|
EE|EST|エストニア|エストニア|Estonia|
SZ|SWZ|エスワティニ|エスワティニ|Eswatini|Swaziland,スワジランド
ET|ETH|エチオピア|エチオピア|Ethiopia|
FK|FLK|フォークランド諸島|フォークランドショトウ|Falkland Islands (Malvinas)|
FO|FRO|フェロー諸島|フェローショトウ|Faroe Islands|
FJ|FJI|フィジー|フィジー|Fiji|
FI|FIN|フィンランド|フィンランド|Finland|
FR|FRA|フランス|フランス|France|仏国
GF|GUF|仏領ギアナ|フツリョウギアナ|French Guiana|
PF|PYF|仏領ポリネシア|フツリョウポリネシア|French Polynesia|
TF|ATF|仏領南方・南極地域|フツリョウナンポウナンキョクチイキ|French Southern Territories|
GA|GAB|ガボン|ガボン|Gabon|
GM|GMB|ガンビア|ガンビア|Gambia|
GE|GEO|ジョージア|ジョージア|Georgia|グルジア
DE|DEU|ドイツ|ドイツ|Germany|独国
GH|GHA|ガーナ|ガーナ|Ghana|
GI|GIB|ジブラルタル|ジブラルタル|Gibraltar|
GR|GRC|ギリシャ|ギリシャ|Greece|
GL|GRL|グリーンランド|グリーンランド|Greenland|
GD|GRD|グレナダ|グレナダ|Grenada|
GP|GLP|グアドループ|グアドループ|Guadeloupe|
GU|GUM|グアム|グアム|Guam|
GT|GTM|グアテマラ|グアテマラ|Guatemala|
GG|GGY|ガーンジー|ガーンジー|Guernsey|
GN|GIN|ギニア|ギニア|Guinea|
GW|GNB|ギニアビサウ|ギニアビサウ|Guinea-Bissau|
GY|GUY|ガイアナ|ガイアナ|Guyana|
HT|HTI|ハイチ|ハイチ|Haiti|
HM|HMD|ハード島とマクドナルド諸島|ハードトウトマクドナルドショトウ|Heard Island and McDonald Islands|
VA|VAT|バチカン|バチカン|Holy See|Vatican
HN|HND|ホンジュラス|ホンジュラス|Honduras|
HK|HKG|香港|ホンコン|Hong Kong|
HU|HUN|ハンガリー|ハンガリー|Hungary|
IS|ISL|アイスランド|アイスランド|Iceland|
IN|IND|インド|インド|India|
ID|IDN|インドネシア|インドネシア|Indonesia|
IR|IRN|イラン|イラン|Iran|
IQ|IRQ|イラク|イラク|Iraq|
IE|IRL|アイルランド|アイルランド|Ireland|
IM|IMN|マン島|マントウ|Isle of Man|
IL|ISR|イスラエル|イスラエル|Israel|
IT|ITA|イタリア|イタリア|Italy|
JM|JAM|ジャマイカ|ジャマイカ|Jamaica|
JP|JPN|日本|ニホン|Japan|ニッポン
JE|JEY|ジャージー|ジャージー|Jersey|
JO|JOR|ヨルダン|ヨルダン|Jordan|
KZ|KAZ|カザフスタン|カザフスタン|Kazakhstan|
KE|KEN|ケニア|ケニア|Kenya|
KI|KIR|キリバス|キリバス|Kiribati|
KP|PRK|北朝鮮|キタチョウセン|Korea (Democratic People's Republic of)|North Korea,朝鮮民主主義人民共和国
KR|KOR|韓国|カンコク|Korea, Republic of|South Korea,大韓民国
KW|KWT|クウェート|クウェート|Kuwait|
KG|KGZ|キルギス|キルギス|Kyrgyzstan|
LA|LAO|ラオス|ラオス|Lao People's Democratic Republic|Laos
LV|LVA|ラトビア|ラトビア|Latvia|
LB|LBN|レバノン|レバノン|Lebanon|
LS|LSO|レソト|レソト|Lesotho|
LR|LBR|リベリア|リベリア|Liberia|
LY|LBY|リビア|リビア|Libya|
LI|LIE|リヒテンシュタイン|リヒテンシュタイン|Liechtenstein|
LT|LTU|リトアニア|リトアニア|Lithuania|
LU|LUX|ルクセンブルク|ルクセンブルク|Luxembourg|
MO|MAC|マカオ|マカオ|Macao|Macau
MG|MDG|マダガスカル|マダガスカル|Madagascar|
MW|MWI|マラウイ|マラウイ|Malawi|
MY|MYS|マレーシア|マレーシア|Malaysia|
MV|MDV|モルディブ|モルディブ|Maldives|
ML|MLI|マリ|マリ|Mali|
MT|MLT|マルタ|マルタ|Malta|
MH|MHL|マーシャル諸島|マーシャルショトウ|Marshall Islands|
MQ|MTQ|マルティニーク|マルティニーク|Martinique|
MR|MRT|モーリタニア|モーリタニア|Mauritania|
MU|MUS|モーリシャス|モーリシャス|Mauritius|
YT|MYT|マヨット|マヨット|Mayotte|
MX|MEX|メキシコ|メキシコ|Mexico|
FM|FSM|ミクロネシア連邦|ミクロネシアレンポウ|Micronesia (Federated States of)|
MD|MDA|モルドバ|モルドバ|Moldova|
MC|MCO|モナコ|モナコ|Monaco|
MN|MNG|モンゴル|モンゴル|Mongolia|
ME|MNE|モンテネグロ|モンテネグロ|Montenegro|
MS|MSR|モントセラト|モントセラト|Montserrat|
MA|MAR|モロッコ|モロッコ|Morocco|
MZ|MOZ|モザンビーク|モザンビーク|Mozambique|
MM|MMR|ミャンマー|ミャンマー|Myanmar|ビルマ,Burma
NA|NAM|ナミビア|ナミビア|Namibia|
NR|NRU|ナウル|ナウル|Nauru|
NP|NPL|ネパール|ネパール|Nepal|
NL|NLD|オランダ|オランダ|Netherlands|
NC|NCL|ニューカレドニア|ニューカレドニア|New Caledonia|
NZ|NZL|ニュージーランド|ニュージーランド|New Zealand|
NI|NIC|ニカラグア|ニカラグア|Nicaragua|
NE|NER|ニジェール|ニジェール|Niger|
NG|NGA|ナイジェリア|ナイジェリア|Nigeria|
NU|NIU|ニウエ|ニウエ|Niue|
NF|NFK|ノーフォーク島|ノーフォークトウ|Norfolk Island|
MK|MKD|北マケドニア|キタマケドニア|North Macedonia|Macedonia
MP|MNP|北マリアナ諸島|キタマリアナショトウ|Northern Mariana Islands|サイパン,Saipan
NO|NOR|ノルウェー|ノルウェー|Norway|
OM|OMN|オマーン|オマーン|Oman|
PK|PAK|パキスタン|パキスタン|Pakistan|
PW|PLW|パラオ|パラオ|Palau|
PS|PSE|パレスチナ|パレスチナ|Palestine, State of|
PA|PAN|パナマ|パナマ|Panama|
PG|PNG|パプアニューギニア|パプアニューギニア|Papua New Guinea|
PY|PRY|パラグアイ|パラグアイ|Paraguay|
PE|PER|ペルー|ペルー|Peru|
PH|PHL|フィリピン|フィリピン|Philippines|
PN|PCN|ピトケアン|ピトケアン|Pitcairn|
PL|POL|ポーランド|ポーランド|Poland|
PT|PRT|ポルトガル|ポルトガル|Portugal|
PR|PRI|プエルトリコ|プエルトリコ|Puerto Rico|
QA|QAT|カタール|カタール|Qatar|
RE|REU|レユニオン|レユニオン|Réunion|
RO|ROU|ルーマニア|ルーマニア|Romania|
RU|RUS|ロシア|ロシア|Russian Federation|Russia,ロシア連邦
RW|RWA|ルワンダ|ルワンダ|Rwanda|
BL|BLM|サン・バルテルミー|サンバルテルミー|Saint Barthélemy|
SH|SHN|セントヘレナ・アセンションおよびトリスタンダクーニャ|セントヘレナ|Saint Helena, Ascension and Tristan da Cunha|
KN|KNA|セントクリストファー・ネービス|セントクリストファーネービス|Saint Kitts and Nevis|
LC|LCA|セントルシア|セントルシア|Saint Lucia|
MF|MAF|サン・マルタン（フランス領）|サンマルタン|Saint Martin (French part)|
PM|SPM|サンピエール島・ミクロン島|サンピエールトウミクロントウ|Saint Pierre and Miquelon|
VC|VCT|セントビンセント及びグレナディーン諸島|セントビンセントオヨビグレナディーンショトウ|Saint Vincent and the Grenadines|
WS|WSM|サモア|サモア|Samoa|
SM|SMR|サンマリノ|サンマリノ|San Marino|
ST|STP|サントメ・プリンシペ|サントメプリンシペ|Sao Tome and Principe|
SA|SAU|サウジアラビア|サウジアラビア|Saudi Arabia|
SN|SEN|セネガル|セネガル|Senegal|
RS|SRB|セルビア|セルビア|Serbia|
SC|SYC|セーシェル|セーシェル|Seychelles|
SL|SLE|シエラレオネ|シエラレオネ|Sierra Leone|
SG|SGP|シンガポール|シンガポール|Singapore|
SX|SXM|シント・マールテン（オランダ領）|シントマールテン|Sint Maarten (Dutch part)|
SK|SVK|スロバキア|スロバキア|Slovakia|
SI|SVN|スロベニア|スロベニア|Slovenia|
SB|SLB|ソロモン諸島|ソロモンショトウ|Solomon Islands|
SO|SOM|ソマリア|ソマリア|Somalia|
ZA|ZAF|南アフリカ|ミナミアフリカ|South Africa|
GS|SGS|サウスジョージア・サウスサンドウィッチ諸島|サウスジョージアサウスサンドウィッチショトウ|South Georgia and the South Sandwich Islands|
SS|SSD|南スーダン|ミナミスーダン|South Sudan|
ES|ESP|スペイン|スペイン|Spain|
LK|LKA|スリランカ|スリランカ|Sri Lanka|
SD|SDN|スーダン|スーダン|Sudan|
SR|SUR|スリナム|スリナム|Suriname|
SJ|SJM|スバールバル諸島およびヤンマイエン島|スバールバルショトウ|Svalbard and Jan Mayen|
SE|SWE|スウェーデン|スウェーデン|Sweden|
CH|CHE|スイス|スイス|Switzerland|
SY|SYR|シリア|シリア|Syrian Arab Republic|Syria
TW|TWN|台湾|タイワン|Taiwan|
TJ|TJK|タジキスタン|タジキスタン|Tajikistan|
TZ|TZA|タンザニア|タンザニア|Tanzania, United Republic of|
TH|THA|タイ|タイ|Thailand|
TL|TLS|東ティモール|ヒガシティモール|Timor-Leste|East Timor
TG|TGO|トーゴ|トーゴ|Togo|
TK|TKL|トケラウ|トケラウ|Tokelau|
TO|TON|トンガ|トンガ|Tonga|
TT|TTO|トリニダード・トバゴ|トリニダードトバゴ|Trinidad and Tobago|
TN|TUN|チュニジア|チュニジア|Tunisia|
TR|TUR|トルコ|トルコ|Türkiye|Turkey
TM|TKM|トルクメニスタン|トルクメニスタン|Turkmenistan|
TC|TCA|タークス・カイコス諸島|タークスカイコスショトウ|Turks and Caicos Islands|
TV|TUV|ツバル|ツバル|Tuvalu|
UG|UGA|ウガンダ|ウガンダ|Uganda|
UA|UKR|ウクライナ|ウクライナ|Ukraine|
AE|ARE|アラブ首長国連邦|アラブシュチョウコクレンポウ|United Arab Emirates|UAE,ドバイ
GB|GBR|イギリス|イギリス|United Kingdom|UK,英国,Britain,エイコク
US|USA|アメリカ|アメリカ|United States of America|USA,米国,アメリカ合衆国,ベイコク
UM|UMI|合衆国領有小離島|ガッシュウコクリョウユウショウリトウ|United States Minor Outlying Islands|
UY|URY|ウルグアイ|ウルグアイ|Uruguay|
UZ|UZB|ウズベキスタン|ウズベキスタン|Uzbekistan|
VU|VUT|バヌアツ|バヌアツ|Vanuatu|
VE|VEN|ベネズエラ|ベネズエラ|Venezuela|
VN|VNM|ベトナム|ベトナム|Viet Nam|Vietnam
VG|VGB|英領ヴァージン諸島|エイリョウヴァージンショトウ|Virgin Islands (British)|
VI|VIR|米領ヴァージン諸島|ベイリョウヴァージンショトウ|Virgin Islands (U.S.)|
WF|WLF|ウォリス・フツナ|ウォリスフツナ|Wallis and Futuna|
EH|ESH|西サハラ|ニシサハラ|Western Sahara|
YE|YEM|イエメン|イエメン|Yemen|
ZM|ZMB|ザンビア|ザンビア|Zambia|
ZW|ZWE|ジンバブエ|ジンバブエ|Zimbabwe|`;

/** Every ISO 3166-1 country and area, in the standard's English order. */
export const COUNTRIES: readonly Country[] = TABLE.split('\n').map((row) => {
  const [code, alpha3, ja, kana, en, aliases] = row.split('|') as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  return Object.freeze({
    code,
    alpha3,
    ja,
    kana,
    en,
    aliases: Object.freeze(aliases ? aliases.split(',') : []),
  });
});

const BY_CODE = new Map<string, Country>();
for (const c of COUNTRIES) {
  BY_CODE.set(c.code, c);
  BY_CODE.set(c.alpha3, c);
}

/** The country of an alpha-2 or alpha-3 code (any case); `undefined` when unknown. */
export function countryByCode(code: string | undefined): Country | undefined {
  if (typeof code !== 'string') return undefined;
  return BY_CODE.get(code.trim().toUpperCase());
}

/** The name of a country code in a locale, or the code itself when unknown ('' for no code). */
export function countryName(code: string | undefined, locale: 'ja' | 'en' = 'ja'): string {
  if (!code) return '';
  return countryByCode(code)?.[locale] ?? code;
}

/** Folds text for country search: NFKC, lower case, hiragana → katakana, no spaces or middle dots. */
function fold(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u3041-\u3096]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0x60))
    .replace(/[\s・･.,'()（）-]/g, '');
}

const INDEX = COUNTRIES.map((c) => ({
  country: c,
  names: [c.ja, c.kana, c.en, ...c.aliases].map(fold),
  codes: [c.code.toLowerCase(), c.alpha3.toLowerCase()],
}));

/**
 * Searches the country list the way the 国籍 combobox does: by Japanese name, kana or hiragana reading,
 * English name, alias or code. Prefix matches rank first, then matches inside a name; an exact code match
 * ranks above all. An empty query gives every country, 日本 first.
 *
 * @example searchCountries('ちゅう')[0].code // 'CN'
 * @example searchCountries('usa')[0].code // 'US'
 */
export function searchCountries(query: string, limit = COUNTRIES.length): Country[] {
  const q = fold(typeof query === 'string' ? query : '');
  if (q === '') {
    const jp = BY_CODE.get('JP')!;
    return [jp, ...COUNTRIES.filter((c) => c !== jp)].slice(0, limit);
  }
  const scored: { c: Country; rank: number; len: number; i: number }[] = [];
  INDEX.forEach((entry, i) => {
    let rank = -1;
    let hits: string[] = [];
    if (entry.codes.includes(q)) rank = 3;
    else if ((hits = entry.names.filter((n) => n === q)).length) rank = 2.5;
    else if ((hits = entry.names.filter((n) => n.startsWith(q))).length) rank = 2;
    else if ((hits = entry.names.filter((n) => n.includes(q))).length) rank = 1;
    const len = hits.length ? Math.min(...hits.map((n) => n.length)) : 0;
    if (rank >= 0) scored.push({ c: entry.country, rank, len, i });
  });
  // Best rank first; among equals the shortest matching name (「ちゅう」 → 中国 before 中央アフリカ).
  scored.sort((a, b) => b.rank - a.rank || a.len - b.len || a.i - b.i);
  return scored.slice(0, limit).map((s) => s.c);
}
