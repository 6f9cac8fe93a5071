import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/report-form/report-form.js';
import type { HersysReportForm } from '../../src/components/report-form/report-form.component.js';
import { ReportFormHarness } from './harness/report-form-harness.js';
import {
  IndexedDbDraftStore,
  LocalDoctorStore,
  MemoryDraftStore,
} from '../../src/components/stores/index.js';
import { tc1Report } from '../fixtures/reports.js';

/** Every record of every object store of a database, read raw (what an attacker with the profile would see). */
async function rawRecords(name: string): Promise<Record<string, unknown[]>> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const out: Record<string, unknown[]> = {};
  for (const storeName of Array.from(db.objectStoreNames)) {
    out[storeName] = await new Promise<unknown[]>((resolve, reject) => {
      const req = db.transaction(storeName).objectStore(storeName).getAll();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  }
  db.close();
  return out;
}

/** Every string reachable in a value, and every byte buffer decoded as UTF-8. */
function visibleText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof ArrayBuffer) return new TextDecoder().decode(value);
  if (ArrayBuffer.isView(value)) return new TextDecoder().decode(value);
  if (Array.isArray(value)) return value.map(visibleText).join('\n');
  if (value && typeof value === 'object' && !(value instanceof CryptoKey)) {
    return Object.entries(value)
      .map(([k, v]) => `${k}\n${visibleText(v)}`)
      .join('\n');
  }
  return '';
}

let dbCounter = 0;
const freshName = () => `hersys-drafts-test-${Date.now()}-${dbCounter++}`;

describe('IndexedDbDraftStore', () => {
  let store: IndexedDbDraftStore;
  let name: string;

  beforeEach(() => {
    name = freshName();
    store = new IndexedDbDraftStore({ databaseName: name, now: () => new Date('2022-09-27T10:00:00Z') });
  });

  afterEach(async () => {
    store.close();
    await new Promise((r) => {
      const req = indexedDB.deleteDatabase(name);
      req.onsuccess = req.onerror = req.onblocked = r;
    });
  });

  it('round-trips a draft', async () => {
    const report = tc1Report();
    await store.save('new', report);
    const loaded = await store.load('new');
    expect(loaded?.report).to.deep.equal(report);
    expect(loaded?.savedAt).to.equal('2022-09-27T10:00:00.000Z');
    expect(await store.load('other')).to.equal(undefined);
  });

  it('stores nothing readable: no name, phone or date in the raw IndexedDB records', async () => {
    const report = tc1Report();
    await store.save('new', report);
    const raw = await rawRecords(name);
    const text = visibleText(raw);
    expect(raw.drafts).to.have.length(1);
    for (const secret of [
      '山田',
      '花子',
      'ヤマダ',
      '090-1234-5678',
      '1950-04-12',
      '千代田区',
      'savedAt',
      '2022-09-27',
    ]) {
      expect(text, secret).not.to.include(secret);
    }
    // Only the key name, the IV and the ciphertext are stored.
    const row = raw.drafts[0] as Record<string, unknown>;
    expect(Object.keys(row).sort()).to.deep.equal(['data', 'iv', 'key']);
  });

  it('keeps the key as a non-extractable AES-GCM CryptoKey', async () => {
    await store.save('new', tc1Report());
    const raw = await rawRecords(name);
    expect(raw.keys).to.have.length(1);
    const key = raw.keys[0] as CryptoKey;
    expect(key).to.be.instanceOf(CryptoKey);
    expect(key.extractable).to.equal(false);
    expect(key.algorithm.name).to.equal('AES-GCM');
    let exported = true;
    try {
      await crypto.subtle.exportKey('raw', key);
    } catch {
      exported = false;
    }
    expect(exported, 'exportKey must fail').to.equal(false);
  });

  it('uses a fresh IV for every save, so the same report never gives the same ciphertext', async () => {
    const report = tc1Report();
    await store.save('a', report);
    await store.save('b', report);
    await store.save('c', report);
    const rows = (await rawRecords(name)).drafts as Array<{ iv: Uint8Array; data: ArrayBuffer }>;
    const ivs = new Set(rows.map((r) => Array.from(r.iv).join(',')));
    expect(ivs.size).to.equal(3);
    const datas = new Set(rows.map((r) => Array.from(new Uint8Array(r.data)).join(',')));
    expect(datas.size).to.equal(3);
  });

  it('a second store instance (another tab, after reload) reads drafts with the stored key', async () => {
    await store.save('new', tc1Report());
    const again = new IndexedDbDraftStore({ databaseName: name });
    expect((await again.load('new'))?.report.patient?.familyName).to.equal('山田');
    again.close();
  });

  it('remove() deletes one draft; clear() wipes the drafts and the key', async () => {
    await store.save('a', tc1Report());
    await store.save('b', tc1Report());
    await store.remove('a');
    expect(await store.load('a')).to.equal(undefined);
    expect(await store.load('b')).not.to.equal(undefined);
    await store.clear();
    const raw = await rawRecords(name);
    expect(raw.drafts).to.have.length(0);
    expect(raw.keys).to.have.length(0);
    expect(await store.load('b')).to.equal(undefined);
    // Still usable after the wipe, with a new key.
    await store.save('c', tc1Report());
    expect((await store.load('c'))?.report.patient?.givenName).to.equal('花子');
  });

  it('ciphertext moved under another key name does not decrypt and is dropped', async () => {
    await store.save('a', tc1Report());
    const db = await new Promise<IDBDatabase>((resolve) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => resolve(req.result);
    });
    const row = await new Promise<Record<string, unknown>>((resolve) => {
      const req = db.transaction('drafts').objectStore('drafts').get('a');
      req.onsuccess = () => resolve(req.result);
    });
    await new Promise((resolve) => {
      const tx = db.transaction('drafts', 'readwrite');
      tx.objectStore('drafts').put({ ...row, key: 'b' });
      tx.oncomplete = resolve;
    });
    db.close();
    expect(await store.load('b')).to.equal(undefined);
    expect((await rawRecords(name)).drafts).to.have.length(1);
    expect(await store.load('a')).not.to.equal(undefined);
  });
});

describe('IndexedDbDraftStore behind <hersys-report-form>', () => {
  const name = `hersys-drafts-form-${Date.now()}`;
  let store: IndexedDbDraftStore;
  beforeEach(() => (store = new IndexedDbDraftStore({ databaseName: name })));
  afterEach(async () => {
    store.close();
    await new Promise((r) => {
      const req = indexedDB.deleteDatabase(name);
      req.onsuccess = req.onerror = req.onblocked = r;
    });
  });

  it('autosaves what the user types encrypted, and restores it after a reload', async () => {
    const form = await fixture<HersysReportForm>(
      html`<hersys-report-form today="2022-09-27" draft-key="enc" .draftStore=${store}></hersys-report-form>`,
    );
    const h = new ReportFormHarness(form);
    await h.type('当該者氏名 姓', '秘密山');
    let raw: Record<string, unknown[]> = {};
    const start = performance.now();
    while (performance.now() - start < 3000) {
      raw = await rawRecords(name);
      if ((raw.drafts ?? []).length > 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(raw.drafts, 'autosaved within the debounce').to.have.length(1);
    expect(visibleText(raw)).not.to.include('秘密山');
    await expect(form).to.be.accessible();
    form.remove();

    // "Reload": a new store instance and a new form on the same database offer the draft back.
    const again = new IndexedDbDraftStore({ databaseName: name });
    const restored = await fixture<HersysReportForm>(
      html`<hersys-report-form today="2022-09-27" draft-key="enc" .draftStore=${again}></hersys-report-form>`,
    );
    const h2 = new ReportFormHarness(restored);
    await h2.until(() => !!h2.root.querySelector('[part~="draft-banner"]'));
    await h2.click('復元する');
    expect(h2.valueOf('当該者氏名 姓')).to.equal('秘密山');
    again.close();
  });
});

describe('MemoryDraftStore', () => {
  it('round-trips copies, so callers cannot mutate what is stored', async () => {
    const store = new MemoryDraftStore(() => new Date('2022-01-01T00:00:00Z'));
    const report = tc1Report();
    await store.save('k', report);
    report.patient!.familyName = '変更';
    const loaded = await store.load('k');
    expect(loaded?.report.patient?.familyName).to.equal('山田');
    expect(loaded?.savedAt).to.equal('2022-01-01T00:00:00.000Z');
    loaded!.report.patient!.familyName = 'x';
    expect((await store.load('k'))?.report.patient?.familyName).to.equal('山田');
    await store.remove('k');
    expect(store.size).to.equal(0);
    await store.save('k', report);
    await store.clear();
    expect(await store.load('k')).to.equal(undefined);
  });
});

describe('LocalDoctorStore', () => {
  const key = 'hersys-doctor-master-test';
  afterEach(() => localStorage.removeItem(key));

  it('keeps doctors most recent first, without duplicates, across instances', async () => {
    const store = new LocalDoctorStore({ storageKey: key });
    await store.add({ familyName: '河野', givenName: '和男' });
    await store.add({ familyName: ' 佐藤 ', givenName: '一郎' });
    await store.add({ familyName: '河野', givenName: '和男' });
    await store.add({ familyName: '', givenName: '' });
    expect(await new LocalDoctorStore({ storageKey: key }).list()).to.deep.equal([
      { familyName: '河野', givenName: '和男' },
      { familyName: '佐藤', givenName: '一郎' },
    ]);
    await store.remove({ familyName: '河野', givenName: '和男' });
    expect(await store.list()).to.deep.equal([{ familyName: '佐藤', givenName: '一郎' }]);
  });

  it('ignores corrupt stored data instead of throwing', async () => {
    localStorage.setItem(key, '{not json');
    const store = new LocalDoctorStore({ storageKey: key });
    expect(await store.list()).to.deep.equal([]);
    localStorage.setItem(
      key,
      JSON.stringify([{ familyName: 1 }, null, { familyName: '田中', givenName: '' }]),
    );
    expect(await store.list()).to.deep.equal([{ familyName: '田中', givenName: '' }]);
  });

  it('honours the limit', async () => {
    const store = new LocalDoctorStore({ storageKey: key, limit: 2 });
    for (const n of ['一', '二', '三']) await store.add({ familyName: n, givenName: '' });
    expect((await store.list()).map((d) => d.familyName)).to.deep.equal(['三', '二']);
  });
});
