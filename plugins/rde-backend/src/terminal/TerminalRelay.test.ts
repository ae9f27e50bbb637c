import { parseClientMessage } from './TerminalRelay';

describe('parseClientMessage', () => {
  it('accepts resize within the terminal size limits and acknowledgements', () => {
    expect(
      parseClientMessage('{"type":"resize","cols":120,"rows":40}'),
    ).toEqual({ type: 'resize', cols: 120, rows: 40 });
    expect(
      parseClientMessage('{"type":"resize","cols":1000,"rows":500}'),
    ).toEqual({ type: 'resize', cols: 1000, rows: 500 });
    expect(parseClientMessage('{"type":"ack","bytes":0}')).toEqual({
      type: 'ack',
      bytes: 0,
    });
    expect(parseClientMessage('{"type":"ack","bytes":32768}')).toEqual({
      type: 'ack',
      bytes: 32768,
    });
  });

  it.each([
    'not json',
    'null',
    '[]',
    '{"type":"resize","cols":1001,"rows":40}',
    '{"type":"resize","cols":1,"rows":40}',
    '{"type":"resize","cols":80,"rows":0}',
    '{"type":"resize","cols":80.5,"rows":24}',
    '{"type":"resize","cols":"80","rows":24}',
    '{"type":"ack","bytes":-1}',
    '{"type":"ack","bytes":1e300}',
    '{"type":"ack"}',
    '{"type":"exit"}',
  ])('refuses %s', text => {
    expect(parseClientMessage(text)).toBeUndefined();
  });
});
