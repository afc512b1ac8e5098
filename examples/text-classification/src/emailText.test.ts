import { describe, expect, it } from 'vitest';
import { emailText } from './emailText';

describe('emailText', () => {
  it('keeps the subject and body, drops the other headers', () => {
    const raw = 'From: a@b.c\nReceived: by x\nSubject: Cheap\n pills today\nX-Spam: yes\n\nHello  there.\n\n\nBye';
    expect(emailText(raw)).toBe('Cheap pills today\nHello there.\nBye');
  });

  it('decodes quoted-printable and strips HTML, styles, scripts and entities', () => {
    const raw = 'Subject: Hi\nContent-Transfer-Encoding: quoted-printable\n\n<html><style>p{x:1}</style><p class=3D"x">Save 70=\n% now&nbsp;&amp; more</p><script>alert(1)</script></html>';
    expect(emailText(raw)).toBe('Hi\nSave 70% now & more');
  });

  it('drops MIME boundaries, part headers and base64 blocks', () => {
    const raw = [
      'Subject: Parts',
      'Content-Type: multipart/mixed; boundary="XYZ"',
      '',
      '--XYZ',
      'Content-Type: text/plain',
      '',
      'Real words here.',
      '--XYZ',
      'Content-Type: image/gif',
      'Content-Transfer-Encoding: base64',
      '',
      'R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAA',
      '--XYZ--',
    ].join('\n');
    expect(emailText(raw)).toBe('Parts\nReal words here.');
  });

  it('copes with a message without a body or subject', () => {
    expect(emailText('From: x')).toBe('');
    expect(emailText('\n\nonly a body')).toBe('only a body');
  });
});
