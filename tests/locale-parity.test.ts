// The components translate with their own small translator (src/locales/translator.ts) instead of
// i18next; these tests hold it to exactly what i18next answers with the same resources and the options the
// components used with i18next (defaultNS 'ui', fallback 'ja', no escaping), key by key.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import i18next, { type i18n } from 'i18next';
import { Translator, type TOptions } from '../src/locales/translator.js';
import {
  fieldLabel as runtimeFieldLabel,
  issueMessage as runtimeIssueMessage,
  registerResources,
} from '../src/locales/runtime.js';
import { fieldLabel, issueMessage, resources } from '../src/locales/index.js';

type Lng = 'ja' | 'en';
const LNGS: Lng[] = ['ja', 'en'];

/** An i18next instance set up as the components' runtime was before the translator replaced it. */
function reference(res: Record<string, Record<string, object>>): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: 'ja',
    fallbackLng: 'ja',
    supportedLngs: ['ja', 'en'],
    ns: ['issues', 'fields', 'ui', 'pdf'],
    defaultNS: 'ui',
    resources: res,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

function ours(res: Record<string, Record<string, object>>): Translator {
  const t = new Translator('ja', 'ui');
  for (const [lng, namespaces] of Object.entries(res))
    for (const [ns, bundle] of Object.entries(namespaces)) t.addResourceBundle(lng, ns, bundle);
  return t;
}

/** Every string of a bundle as [dotted key, value] (flat keys holding dots come out as they are). */
function leaves(tree: object, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]): [string, string][] =>
    typeof v === 'string' ? [[prefix + k, v]] : leaves(v as object, `${prefix}${k}.`),
  );
}

const variables = (text: string) => [...text.matchAll(/\{\{(.+?)\}\}/g)].map((m) => m[1]!.trim());

/** Each key of every namespace of both locales, with the variables its ja and en strings use. */
function allKeys(): { key: string; vars: string[] }[] {
  const byKey = new Map<string, Set<string>>();
  for (const lng of LNGS)
    for (const [ns, bundle] of Object.entries(resources[lng]))
      for (const [key, text] of leaves(bundle)) {
        const vars = byKey.get(`${ns}:${key}`) ?? new Set<string>();
        for (const v of variables(text)) vars.add(v);
        byKey.set(`${ns}:${key}`, vars);
      }
  return [...byKey].map(([key, vars]) => ({ key, vars: [...vars] }));
}

/** The option sets each key is translated with: every variable filled, then plurals and gaps. */
function optionSets(vars: string[]): TOptions[] {
  const filled = Object.fromEntries(vars.map((v, i) => [v, `‹${v}${i}›`]));
  const sets: TOptions[] = [{}, filled];
  for (const count of [0, 1, 2, 21]) sets.push({ ...filled, count });
  if (vars.length) {
    const [first, ...rest] = vars;
    sets.push(Object.fromEntries(rest.map((v) => [v, 7]))); // the first left out: stays {{first}}
    sets.push({ ...filled, [first!]: undefined }); // given as undefined: ''
    sets.push({ ...filled, [first!]: null });
    sets.push({ ...filled, [first!]: '{{x}} $& $1' }); // a value is never read again as a pattern
  }
  return sets;
}

describe('the components’ translator gives what i18next gives', () => {
  const full = { ja: resources.ja, en: resources.en } as unknown as Record<string, Record<string, object>>;
  const i18n = reference(full);
  const tr = ours(full);
  const keys = allKeys();

  it('finds hundreds of keys (the walk itself works)', () => {
    assert.ok(keys.length > 500, `${keys.length} keys`);
    assert.ok(
      keys.some((k) => k.key === 'ui:signIn.errors.phone.invalid'),
      'a flat key holding dots',
    );
  });

  for (const lng of LNGS)
    it(`every key of every namespace in ${lng}, with every variable, count 0/1/2/21 and gaps`, () => {
      const fixedRef = i18n.getFixedT(lng);
      const fixedOurs = tr.fixedT(lng);
      let compared = 0;
      for (const { key, vars } of keys)
        for (const options of optionSets(vars)) {
          // The default namespace is used without a prefix, as the components write `t('form.title')`.
          for (const k of key.startsWith('ui:') ? [key, key.slice(3)] : [key]) {
            assert.equal(
              fixedOurs(k, options),
              fixedRef(k, options),
              `${lng} ${k} ${JSON.stringify(options)}`,
            );
            compared++;
          }
        }
      assert.ok(compared > 3000);
    });

  it('missing keys give the key without its namespace, or defaultValue', () => {
    for (const lng of LNGS)
      for (const key of ['form.nope', 'ui:form.nope.deeper', 'fields:patient.nope', 'issues:nope', 'nope']) {
        for (const options of [{}, { defaultValue: '' }, { defaultValue: 'd {{n}}', n: 3 }, { count: 2 }])
          assert.equal(tr.t(lng, key, options), String(i18n.t(key, { ...options, lng })), `${lng} ${key}`);
      }
  });

  it('English falls back to Japanese key by key when the English bundle lacks a string', () => {
    const partial = {
      ja: resources.ja,
      en: { ui: { form: { title: 'Occurrence report' } }, fields: { patient: { sex: 'Sex' } } },
    } as unknown as Record<string, Record<string, object>>;
    const ref = reference(partial);
    const own = ours(partial);
    for (const { key, vars } of keys.filter((k) => /^(ui:form|fields:patient)\./.test(k.key)))
      for (const options of optionSets(vars).slice(0, 3))
        assert.equal(own.t('en', key, options), String(ref.t(key, { ...options, lng: 'en' })), key);
  });

  it('plural forms: _zero, the Intl.PluralRules category, then the bare key, per locale', () => {
    const plural = {
      ja: { ui: { n: '{{count}}件', m_other: '{{count}}件（他）', z: '無', z_zero: 'なし' } },
      en: { ui: { n_one: 'one item', n_other: '{{count}} items', m: '{{count}} m', z_other: '{{count}} z' } },
    };
    const ref = reference(plural);
    const own = ours(plural);
    for (const lng of LNGS)
      for (const key of ['n', 'm', 'z'])
        for (const count of [0, 1, 2, 1.5])
          assert.equal(
            own.t(lng, key, { count }),
            String(ref.t(key, { count, lng })),
            `${lng} ${key} ${count}`,
          );
  });

  it('adding bundles keeps the strings already there (deep merge) and never changes the bundles given', () => {
    const first = { form: { title: 'A', lead: 'B' } };
    const second = { form: { title: 'X', extra: 'C' } };
    const own = new Translator('ja', 'ui');
    own.addResourceBundle('ja', 'ui', first);
    own.addResourceBundle('ja', 'ui', second);
    const ref = reference({ ja: {} });
    ref.addResourceBundle('ja', 'ui', structuredClone(first), true, false);
    ref.addResourceBundle('ja', 'ui', structuredClone(second), true, false);
    for (const key of ['form.title', 'form.lead', 'form.extra'])
      assert.equal(own.t('ja', key), String(ref.t(key)), key);
    assert.deepEqual(first, { form: { title: 'A', lead: 'B' } });
  });

  it('exists() is true only for a string of that very locale', () => {
    const partial = { ja: { issues: { a: 'A', g: { b: 'B' } } }, en: { issues: { c: 'C' } } };
    const own = ours(partial);
    const ref = reference(partial);
    for (const lng of LNGS)
      for (const key of ['issues:a', 'issues:c', 'issues:g.b', 'issues:x'])
        assert.equal(own.exists(key, lng), ref.exists(key, { lng, fallbackLng: false }), `${lng} ${key}`);
  });
});

describe('fieldLabel and issueMessage: the components’ runtime agrees with hersys-sdk/locales (i18next)', () => {
  for (const lng of LNGS) registerResources(lng, resources[lng]);

  const paths = leaves(resources.ja.fields).map(([k]) => k.replace(/(^|\.)_label$/, ''));
  const codes = leaves(resources.ja.issues).map(([k]) => k);
  const issueVars = new Set(
    LNGS.flatMap((lng) => leaves(resources[lng].issues).flatMap(([, text]) => variables(text))),
  );
  const params = Object.fromEntries([...issueVars].map((v) => [v, `‹${v}›`]));

  for (const lng of LNGS)
    it(`every field path (with list indexes) and every issue code in ${lng}`, () => {
      for (const path of [
        ...paths,
        'diagnosis.methods.1.collectionDate',
        'vaccination.doses.0',
        'no.such.path',
      ])
        assert.equal(runtimeFieldLabel(path, lng), fieldLabel(path, lng), path);
      for (const code of [...codes, 'no.such.code']) {
        const issue = { path: 'patient.dateOfBirth', code, params: { ...params, other: 'reportDate' } };
        assert.equal(runtimeIssueMessage(issue, lng), issueMessage(issue, lng), code);
      }
    });
});
