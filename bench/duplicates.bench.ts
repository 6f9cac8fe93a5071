/**
 * Duplicate-person check over 1,000,000 people (issue 7; prints figures, asserts nothing).
 *
 * Seeds a SQLite file with the reference server's migrations, then 1,000,000 patients (the core `patients`
 * rows, built with the server's own `patientColumns`) and their `patient_match_keys` rows in one bulk
 * load: prepared statements in large transactions, the secondary indexes dropped during the load and
 * rebuilt after. Names are drawn from 60 family × 60 given names (about 280 people share each full name:
 * far more than real life, so the common-name case is exercised). Every person is in the scope of one
 * health center, the widest scope a user can have short of the prefecture.
 *
 * Then `POST /api/patients/duplicates` through `app.request()` (route, validation, lazy key refresh, the
 * indexed lookup, scoring) for a mix of typed people: half-width kana with a birth date, an old kanji form,
 * swapped name order, a phone, and a common name without a birth date. Goal: p95 < 20 ms.
 *
 * Run: `npm run bench -- duplicates`. BENCH_PEOPLE=100000 seeds fewer for a quick look.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createApp } from '../reference-server/src/app.js';
import { defaultConfig } from '../reference-server/src/config.js';
import { openDatabase } from '../reference-server/src/db/connect.js';
import { migrateToLatest } from '../reference-server/src/db/migrations.js';
import { seedDemoData } from '../reference-server/src/db/seed.js';
import { matchKeyColumns } from '../reference-server/src/records/match-keys.js';
import { patientColumns } from '../reference-server/src/services/patients.js';
import { FAMILY_NAMES } from './japanese-names.js';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 1_000_000);
const CHECKS = 600;

// The first 59 common names, and 髙橋 so that old/new kanji forms meet in the index.
const FAMILY: readonly (readonly [string, string])[] = [...FAMILY_NAMES.slice(0, 59), ['髙橋', 'タカハシ']];
const GIVEN: [string, string][] = [
  ['花子', 'ハナコ'],
  ['太郎', 'タロウ'],
  ['一郎', 'イチロウ'],
  ['次郎', 'ジロウ'],
  ['三郎', 'サブロウ'],
  ['翔', 'ショウ'],
  ['蓮', 'レン'],
  ['陽翔', 'ハルト'],
  ['大翔', 'ヒロト'],
  ['悠真', 'ユウマ'],
  ['湊', 'ミナト'],
  ['樹', 'イツキ'],
  ['大和', 'ヤマト'],
  ['健', 'ケン'],
  ['誠', 'マコト'],
  ['浩', 'ヒロシ'],
  ['茂', 'シゲル'],
  ['清', 'キヨシ'],
  ['勇', 'イサム'],
  ['博', 'ヒロシ'],
  ['和夫', 'カズオ'],
  ['正', 'タダシ'],
  ['実', 'ミノル'],
  ['進', 'ススム'],
  ['修', 'オサム'],
  ['陽菜', 'ヒナ'],
  ['結衣', 'ユイ'],
  ['葵', 'アオイ'],
  ['凛', 'リン'],
  ['芽依', 'メイ'],
  ['美咲', 'ミサキ'],
  ['さくら', 'サクラ'],
  ['愛', 'アイ'],
  ['恵子', 'ケイコ'],
  ['幸子', 'サチコ'],
  ['洋子', 'ヨウコ'],
  ['和子', 'カズコ'],
  ['節子', 'セツコ'],
  ['京子', 'キョウコ'],
  ['裕子', 'ユウコ'],
  ['直子', 'ナオコ'],
  ['久美子', 'クミコ'],
  ['由美子', 'ユミコ'],
  ['真由美', 'マユミ'],
  ['明美', 'アケミ'],
  ['智子', 'トモコ'],
  ['美穂', 'ミホ'],
  ['香織', 'カオリ'],
  ['彩', 'アヤ'],
  ['舞', 'マイ'],
  ['拓也', 'タクヤ'],
  ['大輔', 'ダイスケ'],
  ['直樹', 'ナオキ'],
  ['健太', 'ケンタ'],
  ['翼', 'ツバサ'],
  ['亮', 'リョウ'],
  ['純一', 'ジュンイチ'],
  ['秀樹', 'ヒデキ'],
  ['雅人', 'マサト'],
  ['友美', 'トモミ'],
];

/** Deterministic pseudo-random numbers (mulberry32), so every run seeds the same people. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function person(i: number, rand: () => number) {
  const [fn, fk] = FAMILY[Math.floor(rand() * FAMILY.length)]!;
  const [gn, gk] = GIVEN[Math.floor(rand() * GIVEN.length)]!;
  const day = Math.floor(rand() * 33_000); // 1930-01-01 + up to ~90 years
  const dob = new Date(Date.UTC(1930, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
  const phone = `090${String(10_000_000 + i).slice(-8)}`;
  return {
    familyName: fn,
    givenName: gn,
    familyNameKana: fk,
    givenNameKana: gk,
    dateOfBirth: dob,
    sex: rand() < 0.5 ? ('male' as const) : ('female' as const),
    phone: `${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`,
    prefectureCode: '13',
    city: '港区',
    responsibleHealthCenterCode: '13103',
  };
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main() {
  // BENCH_DB=<file> keeps the seeded database (and reuses it when it exists) for profiling.
  const dir = mkdtempSync(join(tmpdir(), 'dup-bench-'));
  const file = process.env.BENCH_DB ?? join(dir, 'bench.sqlite');
  const reuse = !!process.env.BENCH_DB && existsSync(file);
  try {
    const created = '2022-09-01T00:00:00.000Z';
    if (!reuse) {
      const h = openDatabase({ sqliteFile: file });
      await migrateToLatest(h.db, h.dialect);
      await seedDemoData(h.db, created);
      await h.close();
    }

    // Bulk load with a raw connection: indexes off during the load, rebuilt after.
    if (!reuse) {
      const t0 = performance.now();
      const raw = new Database(file);
      raw.pragma('journal_mode = OFF');
      raw.pragma('synchronous = OFF');
      raw.pragma('cache_size = -200000');
      const indexes = raw
        .prepare(
          "select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in ('patients', 'patient_match_keys')",
        )
        .all() as { name: string; sql: string }[];
      for (const ix of indexes) raw.exec(`drop index ${ix.name}`);
      const pref = () => '13';
      const sample = patientColumns(person(0, rng(1)), undefined, pref, created);
      const pCols = [
        'her_sys_id',
        'version',
        'owner_facility',
        'created_at',
        'updated_at',
        ...Object.keys(sample),
      ];
      const insP = raw.prepare(
        `insert into patients (${pCols.join(', ')}) values (${pCols.map((c) => '@' + c).join(', ')})`,
      );
      const kCols = ['her_sys_id', 'patient_version', ...Object.keys(matchKeyColumns({}))];
      const insK = raw.prepare(
        `insert into patient_match_keys (${kCols.join(', ')}) values (${kCols.map((c) => '@' + c).join(', ')})`,
      );
      const rand = rng(42);
      // People registered one after another (a few seconds apart), as a real table would hold them.
      const stamp = (i: number) => new Date(Date.parse(created) + i * 3_000).toISOString();
      const load = raw.transaction((from: number, to: number) => {
        for (let i = from; i < to; i++) {
          const p = person(i, rand);
          const id = String(10_000_000 + i);
          insP.run({
            her_sys_id: id,
            version: 1,
            owner_facility: '1312345678',
            created_at: created,
            updated_at: stamp(i),
            ...patientColumns(p, undefined, pref, created),
          });
          insK.run({ her_sys_id: id, patient_version: 1, ...matchKeyColumns(p) });
        }
      });
      for (let i = 0; i < PEOPLE; i += 50_000) load(i, Math.min(PEOPLE, i + 50_000));
      const tRows = performance.now();
      for (const ix of indexes) raw.exec(ix.sql);
      raw.exec('analyze');
      raw
        .prepare("insert into records_state (name, value) values ('match_keys_cursor', ?)")
        .run(stamp(PEOPLE - 1));
      raw.close();
      const tIdx = performance.now();
      console.log(
        `seeded ${PEOPLE.toLocaleString()} people: rows ${((tRows - t0) / 1000).toFixed(1)} s, ` +
          `indexes ${((tIdx - tRows) / 1000).toFixed(1)} s`,
      );
    }

    const handle = openDatabase({ sqliteFile: file });
    const app = createApp({
      db: handle,
      clock: { now: () => new Date('2022-09-27T03:00:00.000Z') },
      config: defaultConfig({ devUser: true, devDefaultLogin: 'minato-hc' }),
    });
    // Typed people: existing ones re-entered differently, and new ones.
    const r = rng(7);
    // The first people seeded, re-drawn with the seeding's random sequence.
    const probe = rng(42);
    const seeded: ReturnType<typeof person>[] = [];
    for (let i = 0; i < Math.min(PEOPLE, 5_000); i++) seeded.push(person(i, probe));
    // Full-width katakana → half-width (the reverse of NFKC over U+FF66..U+FF9D, with ﾞ and ﾟ).
    const toHalf = new Map<string, string>();
    for (let c = 0xff66; c <= 0xff9d; c++) {
      const h = String.fromCharCode(c);
      for (const mark of ['', '\uff9e', '\uff9f']) {
        const full = (h + mark).normalize('NFKC');
        if ([...full].length === 1 && !toHalf.has(full)) toHalf.set(full, h + mark);
      }
    }
    const half = (s: string) => [...s].map((ch) => toHalf.get(ch) ?? ch).join('');
    const typed: Record<string, string>[] = [];
    for (let i = 0; i < CHECKS; i++) {
      const p = seeded[Math.floor(r() * seeded.length)]!;
      switch (i % 5) {
        case 0:
          typed.push({
            familyNameKana: half(p.familyNameKana),
            givenNameKana: half(p.givenNameKana),
            dateOfBirth: p.dateOfBirth,
          });
          break;
        case 1:
          typed.push({
            familyName: p.familyName.replace('高', '髙').replace('崎', '﨑'),
            givenName: p.givenName,
            dateOfBirth: p.dateOfBirth,
          });
          break;
        case 2:
          typed.push({
            familyNameKana: p.givenNameKana,
            givenNameKana: p.familyNameKana,
            dateOfBirth: p.dateOfBirth,
          });
          break;
        case 3:
          typed.push({ familyName: '新規', phone: p.phone, dateOfBirth: p.dateOfBirth });
          break;
        default:
          // A common name, no birth date yet (typing): every same-name person is a key match.
          typed.push({
            familyName: p.familyName,
            givenName: p.givenName,
            familyNameKana: p.familyNameKana,
            givenNameKana: p.givenNameKana,
          });
      }
    }
    const check = async (person: Record<string, string>) => {
      const res = await app.request('/api/patients/duplicates', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ person }),
      });
      if (res.status !== 200) throw new Error(`check failed: ${res.status} ${await res.text()}`);
      return (await res.json()) as { candidates: { reasons: string[] }[] };
    };
    for (let i = 0; i < 50; i++) await check(typed[i]!); // warm-up
    const times: number[] = [];
    const KINDS = [
      'half-width kana + DOB',
      'old kanji + DOB',
      'swapped kana + DOB',
      'phone + DOB',
      'common name, no DOB',
    ];
    const byKind: number[][] = KINDS.map(() => []);
    let found = 0;
    for (const [i, t] of typed.entries()) {
      const s = performance.now();
      const out = await check(t);
      const ms = performance.now() - s;
      times.push(ms);
      byKind[i % 5]!.push(ms);
      if (out.candidates.length) found++;
    }
    for (const [k, list] of byKind.entries()) {
      list.sort((a, b) => a - b);
      console.log(`  ${KINDS[k]}: p50 ${pct(list, 50).toFixed(2)} ms, p95 ${pct(list, 95).toFixed(2)} ms`);
    }
    times.sort((a, b) => a - b);
    console.log(
      `duplicate check over ${PEOPLE.toLocaleString()} people (${CHECKS} checks, POST /api/patients/duplicates): ` +
        `p50 ${pct(times, 50).toFixed(2)} ms, p95 ${pct(times, 95).toFixed(2)} ms, p99 ${pct(times, 99).toFixed(2)} ms ` +
        `(goal p95 < 20 ms); ${found}/${CHECKS} found a candidate`,
    );
    await handle.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
