// OpenAPI formats of CRD fields (src/schema/formats.ts), checked as the API server checks them:
// valid and invalid values from the test tables of the Go functions each checker ports
// (k8s.io/kube-openapi/pkg/validation/strfmt *_test.go, its vendored govalidator's validator_test.go,
// Go's net ParseIP/ParseCIDR/ParseMAC and time.ParseDuration tests, k8s.io/utils/net), and the
// format selection of apiextensions-apiserver's formats.go.
import { describe, expect, it } from 'vitest';
import { crdJsonSchema } from '../src/schema/crd.js';
import { embeddedSchemas } from '../src/schema/embedded.js';
import { goParseIP, ipFamily } from '../src/k8s/cidr.js';
import { checkFormat, formatActive, goParseDuration, keptFormat } from '../src/schema/formats.js';
import { CrdValidators } from '../src/schema/validator.js';

function table(format: string, valid: string[], invalid: string[]): void {
  describe(format, () => {
    it.each(valid)(`%j is a valid ${format}`, (v) => expect(checkFormat(format, v)).toBe(true));
    it.each(invalid)(`%j is not a valid ${format}`, (v) => expect(checkFormat(format, v)).toBe(false));
  });
}

describe('formats the API server keeps (formats.go)', () => {
  it('keeps supported string formats, by their name without dashes, on string or untyped nodes', () => {
    expect(keptFormat({ type: 'string', format: 'date-time' })).toBe('date-time');
    expect(keptFormat({ type: 'string', format: 'datetime' })).toBe('datetime');
    expect(keptFormat({ format: 'ipv4' })).toBe('ipv4');
    expect(keptFormat({ type: 'string', format: 'i-p-v-4' })).toBe('i-p-v-4'); // go-openapi drops every dash
  });
  it('drops integer, number and unknown formats, and formats on other types', () => {
    expect(keptFormat({ type: 'integer', format: 'int32' })).toBeNull();
    expect(keptFormat({ type: 'number', format: 'double' })).toBeNull();
    expect(keptFormat({ type: 'string', format: 'int-or-string' })).toBeNull();
    expect(keptFormat({ type: 'string', format: 'binary' })).toBeNull();
    expect(keptFormat({ type: 'integer', format: 'ipv4' })).toBeNull();
    expect(keptFormat({ type: 'string', format: 'hostname' })).toBe('hostname');
  });
  it('checks nothing for quantity (no strfmt registry has it) and email (net/mail not ported)', () => {
    expect(keptFormat({ type: 'string', format: 'quantity' })).toBeNull();
    expect(keptFormat({ type: 'string', format: 'email' })).toBeNull();
    expect(checkFormat('quantity', 'not a quantity')).toBe(true);
  });
  it('checks k8s-short-name and k8s-long-name from Kubernetes 1.34', () => {
    expect(formatActive('k8s-short-name', '1.33')).toBe(false);
    expect(formatActive('k8s-short-name', '1.34')).toBe(true);
    expect(formatActive('k8s-long-name', '1.35')).toBe(true);
    expect(formatActive('ipv4', '1.27')).toBe(true);
  });
});

// strfmt default_test.go
table('hostname',
  ['somewhere.com', '888.com', 'a.com', 'a.b.com', 'a.b.c.com', 'a.b.c.d.com', 'a.b.c.d.e.com', '1.com', '1.2.com', '1.2.3.com', '1.2.3.4.com', '99.domain.com', '99.99.domain.com', '1wwworg.example.com', '1000wwworg.example.com', 'xn--bcher-kva.example.com', 'xn-80ak6aa92e.co', 'xn-80ak6aa92e.com', 'xn--ls8h.la', '☁→❄→☃→☀→☺→☂→☹→✝.ws', 'www.example.onion', 'www.example.ôlà', 'ôlà.ôlà', 'ôlà.ôlà.ôlà', 'ex$ample', 'localhost', 'example', 'x', 'x-y', 'a.b.c.dot', 'www.example.org', 'a.b.c.d.e.f.g.dot', 'ex=ample.com', '<foo>', 'www.example-hyphenated.org', 'www.詹姆斯.org', 'www.élégigôö.org', 'www.詹姆斯.london'],
  ['somewhere.com!', 'user@email.domain', '1.1.1.1', 'a'.repeat(256), `x.y.${'a'.repeat(64)}`, 'www.example-.org', 'www.--example.org', '-www.example.org', 'www-.example.org', 'www.d-.org', 'www.-d.org', 'www-', '-www', 'www.ex ample.org', '_www.example.org', 'www.ex;ample.org', 'www.example_underscored.org', 'www.詹姆斯.x', 'a.b.c.d', '-xyz', 'xyz-', 'x.', 'a.b.c.dot-', 'a.b.c.é;ö'],
);
table('ipv4', ['192.168.254.1', '127.0.0.1', '192.168.1.1', '192.168.1.01', '::ffff:127.1.2.3', '::1.2.3.4'], ['198.168.254.2.2', '', '1.1.1', '1.a.3.4', 'foo.com', '256.255.255.255', '::1', '1.2.3.4 ']);
table('ipv6', ['::1', '::2', '2001:db8:0000:1:1:1:1:1', '::ffff:127.1.2.3', '1:2:3:4:5:6:7::', '::1:2:3:4:5:6:7'], ['127.0.0.1', '', '0.0.0.0', '255.255.255.255', '1.2.3.4', '300.0.0.0', 'fe80::1%lo0', '::ffff:127.001.002.003', '1200:0000:::AB00:1234:0000:2552:7777:1313', '21DA:D3:0:2F3B:2AY:FF:FE28:9C5A', '2001:db8:3c4d:15:0:d234:3eee:', ':::1234::', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7:8::']);
table('cidr', ['192.168.254.1/24', '192.0.2.1/24', '192.0.02.1/24', '2001:db8:a0b:12f0::1/32', '135.104.0.1/32', '::1/128', '2001:DB8::1/48', '127.000.000.001/32', '10.0.0.0/024'], ['198.168.254.2', '2001:db8:a0b:12f0::1', '192.168.1.1/255.255.255.0', '192.168.1.1/35', '2001:db8::1/-1', '-0.0.0.0/32', '0.0.0.0/-0', '::1/129', '']);
table('mac', ['01:02:03:04:05:06', '3D:F2:C9:A6:B3:4F', '00:00:5e:00:53:01', '00-00-5e-00-53-01', '0000.5e00.5301', '02:00:5e:10:00:00:00:01', '00:00:00:00:fe:80:00:00:00:00:00:00:02:00:5e:10:00:00:00:01', '0200.5e10.0000.0001', 'ab:cd:ef:AB:CD:EF'], ['01:02:03:04:05', '3D-F2-C9-A6-B3:4F', '123', '', 'abacaba', '01.02.03.04.05.06', '01:02:03:04:05:06:', 'x1:02:03:04:05:06', '01002:03:04:05:06', '0123:4567:89AF', '0123-4567-89AF']);
table('uuid', ['a0a2a2d2-0b87-4a18-83f2-2529882be2de', 'A0A2A2D20B874A1883F22529882BE2DE'], ['not-a-uuid', 'a0a2a2d2-0b87-4a18-83f2-2529882be2d']);
table('uuid3', ['6fa459ea-ee8a-3ca4-894e-db77e160355e'], ['not-a-uuid', 'a0a2a2d2-0b87-4a18-83f2-2529882be2de']);
table('uuid4', ['a0a2a2d2-0b87-4a18-83f2-2529882be2de'], ['not-a-uuid', '6fa459ea-ee8a-3ca4-894e-db77e160355e', 'a0a2a2d2-0b87-4a18-c3f2-2529882be2de']);
table('uuid5', ['886313e1-3b8a-5372-9b90-0c9aee199e5d'], ['not-a-uuid', 'a0a2a2d2-0b87-4a18-83f2-2529882be2de']);
// govalidator validator_test.go
table('isbn10', ['0321751043', '3836221195', '1-61729-085-8', '3 423 21412 0', '3 401 01319 X'], ['836217463', '', 'foo', '3423214121', '978-3836221191', '3-423-21412-1', '3 423 21412 1']);
table('isbn13', ['978-0321751041', '9784873113685', '978-4-87311-368-5', '978 3401013190', '978-3-8362-2119-1'], ['978-0321751042', '', 'foo', '3-8362-2119-5', '01234567890ab', '978 3 8362 2119 0']);
table('isbn', ['0321751043', '3836221195', '1-61729-085-8', '9784873113685', '978-3-8362-2119-1'], ['836217463', '', 'foo']);
table('creditcard', ['4111-1111-1111-1111', '4012-8888-8888-1881', '4220855426222389', '4220 8554 2622 2389', '4220-8554-2622-2389', '5139288802098206', '374953669708156', '6011464355444102', '3548209662790989'], ['9999-9999-9999-999', '', 'credit card', '4220855426213389', '30190239451016', '6521674451993089', '2204151414444676', '624356436327468104']);
table('ssn', ['111-11-1111', '999 99 9999', '191 60 2869', '191-60-2869'], ['999 99 999', '', '00-90-8787', '66690-76']);
table('hexcolor', ['#FFFFFF', '#000000', 'CCccCC', 'fff', '#f00'], ['#fffffffz', '', '#ff', 'fff0', '#ff12FG']);
table('rgbcolor', ['rgb(255,255,255)', 'rgb(0,0,0)', 'rgb(0,31,255)', 'rgb(0,  31, 255)'], ['rgb(300,0,0)', '', 'rgb(1,349,275)', 'rgb(01,31,255)', 'rgb(0.6,31,255)', 'rgba(0,31,255)', 'rgb(0,\u000b31,255)']);
table('byte', ['VGhpcyBpcyBhIGJ5dGUgYXJyYXk=', 'TG9yZW0gaXBzdW0gZG9sb3Igc2l0IGFtZXQsIGNvbnNlY3RldHVyIGFkaXBpc2NpbmcgZWxpdC4=', 'Vml2YW11cyBmZXJtZW50dW0gc2VtcGVyIHBvcnRhLg==', 'U3VzcGVuZGlzc2UgbGVjdHVzIGxlbw=='], ['ZWxpemFiZXRocG9zZXk', '12345', '', 'Vml2YW11cyBmZXJtZtesting123', 'VGhpcyBpcyBh-GJ5dGU_']);
table('password', ['super secret stuff here', ''], []);
table('bsonobjectid', ['507f1f77bcf86cd799439011', '507F1F77BCF86CD799439011'], ['507f1f77bcf86cd79943901', '507f1f77bcf86cd79943901g', '']);
table('uri', ['http://somewhere.com', 'http://foo.bar/#com', 'https://foobar.com', 'http://foobar.中文网/', 'http://user:pass@www.foobar.com/', 'http://duckduckgo.com/?q=%2F', 'http://foobar.com?foo=bar', 'xyz://foobar.com', 'mailto:someone@example.com', '/abs/test/dir', "http://foobar.com/t$-_.+!*\\'(),"], ['somewhere.com', '', 'foobar.com', 'invalid.', '.com', './rel/test/dir']);
// strfmt date_test.go
table('date', ['2017-12-22', '2000-02-29', '2400-02-29', '0000-01-01'], ['2017-1-1', '17-13-22', '2017-02-29', '1900-02-29', '2100-02-29', '2017-13-22', '2017-12-32', '20171-12-32', 'YYYY-MM-DD', '20-17-2017', '2017-12-22T01:02:03Z', '2017-00-10', '2017-04-31']);
// strfmt time_test.go (IsDateTime, not ParseDateTime: the validator calls IsDateTime)
table('date-time', ['2014-12-15T08:00:00.000Z', '2011-08-18T19:03:37.000000000+01:00', '2014-12-15T19:30:20Z', '0001-01-01T00:00:00Z', '2014-12-15t19:30:20z', '2014-12-15T19:30:20,5Z', '2014-12-15T19:30:20Zt'], ['zor', 'zorg', 'zorgTx', '1972-12-31Tx', '1972-12-31T24:40:00.000Z', '1972-12-31T23:63:00.000Z', '1972-12-31T23:59:60.000Z', '2014-12-15T08:00:00', '2014-12-15 08:00:00Z', '', '2014-12-15T19:30:20\n5Z']);
// strfmt duration_test.go, then Go's time.ParseDuration tests (the first thing strfmt tries)
table('duration',
  ['0ms', '2ms', '1ns', '1us', '1µs', '1ms', '1s', '1m', '1h', '1hr', '1d', '1w', '1wk', '1nanoseconds', '1nanos', '1microseconds', '1micros', '1millis', '1milliseconds', '1second', '1sec', '1min', '1minute', '1hour', '1day', '1week', '1  ns', '1  µs', '1  wk', '1  milliseconds', '45 weeks', '45 weekz', '12 hours', '12 minutes', '0', '-5s', '+5s', '5.6s', '.5s', '1h2m3s4ms5us6ns', '12μs', '-9223372036854775808ns', '1.5 days'],
  ['yada', 'three week', '9999999999999999999999999999999999999999999999999999999 weeks', '12 parsecs', '12 y', '45 wekk', '45 weeekks', '12 phours', '', '3', '-', '.s'],
);
// strfmt kubernetes-extensions_test.go
table('k8s-short-name', ['a', 'ab', 'a--1--2--b', '0', '1-a', 'a'.repeat(63)], ['', 'A', 'aBc', '-', '-a', 'a_', 'a.b', 'a ', 'a'.repeat(64), 'a-', '1-']);
table('k8s-long-name', ['a', 'a.a', 'a--1--2--b.1', '0.1', 'a.b.c.d.e', 'a'.repeat(253)], ['', 'A', 'a.', '.a', 'a..b', 'ab.A', 'a@b', 'a:b', 'a'.repeat(254), 'a-', '1-']);

describe('Go parsers', () => {
  it('ipFamily: ParseIPSloppy, as Service fields are read (leading zeros of IPv4 octets accepted, zones not)', () => {
    const cases: [string, 0 | 4 | 6][] = [
      ['10.0.0.1', 4],
      ['010.001.002.003', 4],
      ['0001.2.3.4', 4],
      ['256.1.1.1', 0],
      ['1.2.3', 0],
      ['2001:db8::1', 6],
      ['::ffff:1.2.3.4', 6],
      ['::ffff:01.2.3.4', 6],
      ['fe80::1%eth0', 0],
      ['[::1]', 0],
      ['', 0],
    ];
    expect(cases.map(([s]) => [s, ipFamily(s)])).toEqual(cases);
  });
  it('net.ParseIP (Go net ip_test parseIPTests)', () => {
    for (const v of ['127.0.1.2', '127.0.0.1', '::ffff:127.1.2.3', '::ffff:7f01:0203', '0:0:0:0:0000:ffff:127.1.2.3', '0:0:0:0::ffff:127.1.2.3', '2001:4860:0:2001::68', '2001:4860:0000:2001:0000:0000:0000:0068', '::']) expect(goParseIP(v), v).toBe(true);
    for (const v of ['0:0:0:0:000000:ffff:127.1.2.3', '-0.0.0.0', '0.-1.0.0', '127.0.0.256', 'abc', '123:', 'fe80::1%lo0', 'fe80::1%911', '', 'a1:a2:a3:a4::b1:b2:b3:b4', '127.001.002.003', '::ffff:127.001.002.003', '123.000.000.000', '1.2..4', '0123.0.0.1']) expect(goParseIP(v), v).toBe(false);
  });
  it('time.ParseDuration (Go time_test parseDurationTests)', () => {
    for (const v of ['0', '5s', '30s', '1478s', '-5s', '+5s', '-0', '+0', '5.0s', '5.6s', '5.s', '.5s', '1.0s', '1.004s', '100.00100s', '10ns', '11us', '12µs', '12μs', '13ms', '14s', '15m', '16h', '3h30m', '10.5s4m', '-2m3.4s', '1h2m3s4ms5us6ns', '39h9m14.425s', '52763797000ns', '0.3333333333333333333h', '9007199254740993ns', '9223372036854775807ns', '9223372036854775.807us', '9223372036s854ms775us807ns', '-9223372036854775808ns', '-9223372036854775.808us', '-2562047h47m16.854775808s', '0.100000000000000000000h', '0.830103483285477580700h']) expect(goParseDuration(v), v).toBe(true);
    for (const v of ['', '3', '-', 's', '.', '-.', '.s', '+.s', '1d', '\x85\x85', '9223372036854775808ns', '9223372036854775.808us', '9223372036854ms775us808ns', '-9223372036854775809ns']) expect(goParseDuration(v), v).toBe(false);
  });
});

describe('CRD validation with formats', () => {
  const crd = {
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        properties: {
          ip: { type: 'string', format: 'ipv4' },
          when: { type: 'string', format: 'date-time' },
          size: { type: 'integer', format: 'int32' },
          name: { type: 'string', format: 'k8s-short-name' },
          kind: { type: 'string', default: 'IP' },
          value: { type: 'string' },
        },
        oneOf: [
          { properties: { kind: { enum: ['IP'] }, value: { anyOf: [{ format: 'ipv4' }, { format: 'ipv6' }] } } },
          { properties: { kind: { not: { enum: ['IP'] } } } },
        ],
      },
    },
  };
  const object = (spec: Record<string, unknown>) => ({ apiVersion: 'example.com/v1', kind: 'Thing', metadata: { name: 'x' }, spec });

  it('reports a value not of its format, once per value, naming each format an anyOf allowed', () => {
    const validate = new CrdValidators(null).compile(crd);
    expect(validate(object({ ip: '10.0.0.1', when: '2024-01-01T00:00:00Z', size: 5, value: '::1' }))).toEqual([]);
    expect(validate(object({ ip: '10.0.0.300', when: 'yesterday', value: 'example.com' }))).toEqual([
      { kind: 'format', at: '/spec/ip', formats: ['ipv4'], value: '10.0.0.300' },
      { kind: 'format', at: '/spec/when', formats: ['date-time'], value: 'yesterday' },
      { kind: 'format', at: '/spec/value', formats: ['ipv4', 'ipv6'], value: 'example.com' },
    ]);
    expect(validate(object({ kind: 'Hostname', value: 'example.com' }))).toEqual([]);
  });

  it('judges junctor branches on a property default, as the API server defaults before validating', () => {
    const schema = crdJsonSchema(crd, '#/$defs/meta') as { properties: { spec: { oneOf: { required?: string[] }[] } } };
    expect(schema.properties.spec.oneOf[0].required).toBeUndefined(); // "IP" is what it wants
    expect(schema.properties.spec.oneOf[1].required).toEqual(['kind']); // refuses "IP": the default cannot stand for it
  });

  it('checks k8s-short-name only at Kubernetes 1.34 and later', () => {
    const at = (version: string) => new CrdValidators(embeddedSchemas(version)).compile(crd)(object({ name: 'Not_A_Name' }));
    expect(at('1.33')).toEqual([]);
    expect(at('1.34')).toEqual([{ kind: 'format', at: '/spec/name', formats: ['k8s-short-name'], value: 'Not_A_Name' }]);
  });
});
