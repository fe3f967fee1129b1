import { describe, it, expect } from 'vitest';
import { findTopLevelValue } from '../../../../../electron/core/signature/data-span.ts';

function dataText(json: string): string | null {
  const buf = Buffer.from(json, 'utf8');
  const span = findTopLevelValue(buf, 'data');
  return span ? buf.subarray(span[0], span[1]).toString('utf8') : null;
}

/** The span must hold exactly what JSON.parse sees as `data`. */
function expectSpanMatchesParse(json: string): string {
  const text = dataText(json);
  expect(text).not.toBeNull();
  expect(JSON.parse(text!)).toEqual((JSON.parse(json) as { data: unknown }).data);
  return text!;
}

describe('findTopLevelValue', () => {
  it('finds an object value exactly as sent', () => {
    expect(dataText('{"metadata":{"a":1},"data":{"x":1}}')).toBe('{"x":1}');
  });

  it('keeps the whitespace inside the value and drops the whitespace around it', () => {
    const json = '{ \n\t"data" \r\n:  [ 1, 2 ,\n 3 ]  \n, "z": 0 }';
    expect(expectSpanMatchesParse(json)).toBe('[ 1, 2 ,\n 3 ]');
  });

  it('handles nested objects and arrays', () => {
    const json = '{"before":[{"data":0}],"data":{"a":[{"b":[1,{"c":{}}]},[]],"d":null,"e":{"f":{"g":[[]]}}},"after":{"x":[1]}}';
    expect(expectSpanMatchesParse(json)).toBe('{"a":[{"b":[1,{"c":{}}]},[]],"d":null,"e":{"f":{"g":[[]]}}}');
  });

  it('is not fooled by braces and brackets inside strings', () => {
    const json = '{"data":{"s":"}{][","t":"]","u":"{"},"x":"}"}';
    expect(expectSpanMatchesParse(json)).toBe('{"s":"}{][","t":"]","u":"{"}');
  });

  it('is not fooled by escaped quotes and backslashes inside strings', () => {
    const json = String.raw`{"data":{"s":"he said \"}\" ok","u":"\\","v":"\\\"}"},"z":"\"data\""}`;
    expect(expectSpanMatchesParse(json)).toBe(String.raw`{"s":"he said \"}\" ok","u":"\\","v":"\\\"}"}`);
  });

  it('handles keys with escapes before the data member', () => {
    const json = String.raw`{"we\"ird}":{"a":"]"},"data":[1]}`;
    expect(expectSpanMatchesParse(json)).toBe('[1]');
  });

  it('keeps unicode bytes intact, and recognizes an escaped key as "data"', () => {
    const json = '{"ünïcødé":"证书","data":{"name":"Zürich 证书 🎉","esc":"\\u00e9"}}';
    expect(expectSpanMatchesParse(json)).toBe('{"name":"Zürich 证书 🎉","esc":"\\u00e9"}');
    expect(dataText('{"d\\u0061ta":{"k":1}}')).toBe('{"k":1}');
  });

  it('finds scalar values', () => {
    expect(expectSpanMatchesParse('{"data":"a,b}"}')).toBe('"a,b}"');
    expect(expectSpanMatchesParse('{"data": -1.5e3 ,"x":1}')).toBe('-1.5e3');
    expect(expectSpanMatchesParse('{"data":true}')).toBe('true');
    expect(expectSpanMatchesParse('{"x":1,"data":null\n}')).toBe('null');
  });

  it('takes the last of duplicate keys, as JSON.parse does', () => {
    const json = '{"data":{"first":1},"other":2,"data" : [ "second" ]}';
    expect(expectSpanMatchesParse(json)).toBe('[ "second" ]');
  });

  it('returns null when there is no top-level data member', () => {
    expect(dataText('{}')).toBeNull();
    expect(dataText(' { } ')).toBeNull();
    expect(dataText('{"metadata":{"data":1},"list":[{"data":2}]}')).toBeNull();
    expect(dataText('{"dataX":1,"Data":2}')).toBeNull();
  });

  it('returns null when the top level is not an object', () => {
    for (const json of ['[{"data":1}]', '"data"', '42', 'null', '']) expect(dataText(json)).toBeNull();
  });

  it('works on a view into a larger buffer', () => {
    const whole = Buffer.from('xxxxx{"data":{"k":"v"}}yyyyy');
    const view = whole.subarray(5, whole.length - 5);
    const span = findTopLevelValue(view, 'data');
    expect(span && view.subarray(span[0], span[1]).toString()).toBe('{"k":"v"}');
  });

  it('finds any key, not only data', () => {
    const buf = Buffer.from('{"metadata":{"event":"e"},"data":{}}');
    const span = findTopLevelValue(buf, 'metadata');
    expect(span && buf.subarray(span[0], span[1]).toString()).toBe('{"event":"e"}');
  });
});
