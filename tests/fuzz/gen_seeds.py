#!/usr/bin/env python3
"""gen_seeds.py — write the seed corpora of the fuzz targets into corpus/.

Run from anywhere: python3 tests/fuzz/gen_seeds.py.  The template seeds are
the shipped templates plus small valid and broken templates; the textbuf
seeds are editing programs in fuzz_textbuf.c's encoding; the report seeds
are parameter bytes then NUL-separated strings (fuzz_report.c).
"""
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))


def write(target, name, data):
    d = os.path.join(HERE, 'corpus', target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data)


# ---- template ----
tdir = os.path.join(TOP, 'config', 'templates')
for n in sorted(os.listdir(tdir)):
    if n.endswith('.ini'):
        shutil.copy(os.path.join(tdir, n), os.path.join(HERE, 'corpus', 'template', n))

MINI = """[template]
title = Kort mall
language = sv

[scale]
1 = Mycket dåligt
2 = Dåligt
3 = Godtagbart
4 = Bra
5 = Utmärkt

[categories]
lon = Lön och förmåner
chef = Chefen

[question 1]
title = Varför slutar du?
prompt = "Berätta; med egna ord # gärna"
hint =
followup1 = Något mer?
"""
write('template', 'mini-sv.ini', MINI)
write('template', 'bom-crlf.ini', b'\xef\xbb\xbf' + MINI.replace('\n', '\r\n').encode())
write('template', 'cjk-emoji.ini', MINI.replace('Kort mall', '退職面談 👋')
      .replace('Chefen', '上司 👩\u200d💻').replace('Något mer?', 'e\u0301\u0301 ok'))
write('template', 'dup-section.ini', MINI + '\n[scale]\n1 = x\n')
write('template', 'dup-key.ini', MINI.replace('language = sv', 'language = sv\nLANGUAGE = en'))
write('template', 'long-line.ini', MINI.replace('hint =', 'hint = ' + 'ord ' * 300))
write('template', 'gap.ini', MINI + '\n[question 3]\ntitle = a\nprompt = b\n')
write('template', 'invalid-utf8.ini', MINI.encode().replace('Lön'.encode(), b'L\xf6n'))
write('template', 'escape.ini', MINI.replace('Chefen', 'Chef\x1b[31mröd'))
write('template', 'continuation.ini', MINI.replace('title = Kort mall', 'title = Kort \\\nmall'))
write('template', 'truncated.ini', MINI[:len(MINI) // 2])
write('template', 'empty.ini', '')
write('template', 'keys-outside.ini', 'title = x\n' + MINI)
many = MINI + ''.join('\n[question %d]\ntitle = Q%d\nprompt = P%d\n' % (i, i, i)
                      for i in range(2, 102))
write('template', 'too-many-questions.ini', many)
write('template', 'followups-20.ini', MINI + ''.join('followup%d = f%d\n' % (i, i)
                                                    for i in range(2, 22)))

# ---- textbuf: op bytes as in fuzz_textbuf.c ----
INS, BS, DEL, LEFT, RIGHT, WL, WR, HOME, END, LS, LE, TOP_, BOT, UP, DOWN, PGUP, PGDN, \
    KEOL, KBOL, KWORD, YANK, SET, SETCUR, WIN, PASTE, PIECE = range(26)
UNDO, REDO, BREAK = 240, 241, 242


def ins(s):
    b = s.encode() if isinstance(s, str) else s
    out = b''
    while b:
        chunk, b = b[:48], b[48:]
        out += bytes([INS, len(chunk) - 1]) + chunk
    return out


def typed(s):
    return b''.join(bytes([INS, len(c.encode()) - 1]) + c.encode() for c in s)


def paste(s, times):
    b = s.encode()
    return bytes([PASTE, len(b) - 1, (times - 1) // 8]) + b


def win(w, rows):
    return bytes([WIN, w - 1, rows - 1])


sv = 'Jag trivdes med kollegorna, men lönen räckte inte.\nChefen lyssnade sällan. Åtgärder: höj lönerna.'
cjk = '我喜欢我的同事，但是工资太低了。日本語のテキストも折り返す。'
emoji = 'Team 👍👍 but 👩\u200d💻 burnout 😮\u200d💨 e\u0301 ❤\ufe0f'
long_word = 'Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichen' * 3
write('textbuf', 'swedish', win(30, 8) + ins(sv) + bytes([UP, 29, UP, 29, KEOL, DOWN, 29, YANK,
                                                        WL, WL, KWORD, KWORD, YANK, TOP_, DEL]))
write('textbuf', 'cjk', win(11, 3) + ins(cjk) + bytes([HOME, 10, LEFT, LEFT, BS, PGUP, PGDN,
                                                      END, 10, RIGHT, UP, 10]))
write('textbuf', 'emoji', win(7, 4) + ins(emoji) + bytes([LEFT] * 6 + [BS, DEL, WL, WR, KBOL, YANK]))
write('textbuf', 'long-word', win(1, 5) + ins(long_word) + bytes([UP, 0, UP, 0, DOWN, 1, HOME, 2,
                                                                 END, 2, WIN, 199, 59]))
write('textbuf', 'escapes', win(40, 10) + ins('red \x1b[31mtext\x1b[0m\r\nCR\rtab\there\x7f\xc2\x85\xff\xfe') +
      bytes([LS, LE, KEOL, KEOL, YANK]))
write('textbuf', 'set-text', bytes([SET, 3, 16]) + b'ab\x00c\x1b\xffd\n\xcc\x81x\te\r\nf' +
      bytes([RIGHT, RIGHT, SETCUR, 0, 5, BS, BOT, LEFT]))
write('textbuf', 'big-paragraph', win(20, 20) + paste('lorem ipsum ', 255) + paste('dolor ', 100) +
      bytes([UP, 19] * 5 + [PGUP, PGUP, PGDN, HOME, 19, KEOL, BOT, KWORD, YANK, TOP_]))
write('textbuf', 'blank-lines', win(10, 3) + ins('\n\n   \n\t\t\n' + ' ' * 30 + 'x\n') +
      bytes([UP, 9, UP, 9, UP, 9, DOWN, 9, END, 9, KEOL, KEOL, KEOL, YANK]))
write('textbuf', 'combining', win(5, 2) + ins('\u0301\u0301a\u0301\u0302\n\u0301b') +
      bytes([LEFT, LEFT, LEFT, LEFT, BS, RIGHT, DEL, SETCUR, 0, 2, SETCUR, 0, 7]))
write('textbuf', 'undo', win(12, 4) + typed('two words ') + typed('\u00e5\u0301 \u6f22\u5b57\n') +
      bytes([BS, BS, LEFT, DEL, DEL, KWORD, YANK, UNDO, UNDO, REDO, UNDO, UNDO, UNDO, UNDO,
             UNDO, REDO, REDO, BREAK, BS, UNDO, UNDO, UNDO, REDO, REDO, REDO, REDO, REDO,
             REDO, REDO, REDO, KEOL, UNDO, REDO]) + paste('lorem ipsum ', 40) +
      bytes([UP, 11, UP, 11, UNDO, REDO, UNDO, REDO, BOT, KBOL, UNDO, TOP_, REDO]))
write('textbuf', 'pieces', bytes(sum(([PIECE, i] for i in range(21)), [])) +
      bytes([UP, 5, UP, 5, DOWN, 5, WIN, 4, 2]))

# ---- report: parameters, then NUL-separated strings ----
def report(params, strings):
    return bytes(params) + b''.join(b'\0' + s.encode() for s in strings)


params = [71, 0, 40, 4, 60, 2, 8, 5, 10, 6, 3, 2, 1, 2, 3, 2,
          1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
          5, 3, 4, 6, 0, 1, 7, 1, 2, 0, 1, 1, 0, 0, 0, 1, 0x65, 0x43, 0x21, 0, 1]
write('report', 'swedish', report(params, [
    'Lönen räckte inte, och chefen lyssnade sällan. ' * 4,
    'Anna Åström', 'Utvecklare', 'IT', 'Björn', 'Cecilia', '2019-03-01', '2024-05-31',
    '2024-05-29', 'voluntary', 'compensation', 'career', 'manager', 'yes', 'yes', 'no',
    'Om lönen höjs.', 'Standard', 'Standardmallen', 'sv', 'Varför slutar du?',
    'Berätta med egna ord.', 'Lyssna.', 'Något mer?', 'Vad kunde vi ha gjort?']))
write('report', 'cjk-emoji', report(params[:10] + [200, 1, 3, 3] + params[14:], [
    '我喜欢我的同事，但是工资太低了。' * 5, '山田 太郎 👋', '👩\u200d💻 engineer', 'e\u0301\u0301\u0301',
    '😮\u200d💨' * 40, '2024-02-30', 'no date', '']))
write('report', 'long-words', report([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16],
                                     ['x' * 500, 'Donaudampfschifffahrtsgesellschaftskapitän ' * 5,
                                      '日' * 100, 'a' + '\u0301' * 50]))
write('report', 'escapes', report([72, 3, 5, 1, 20, 0], [
    'red \x1b[31mALERT\x1b[0m\r\nnext\tline\x07\x7f\u0085 \u202eevil\u202c',
    "'; DROP TABLE interviews; --", '../../etc/passwd', '\xff is not here', 'tab\there',
    '\n\n\n  \n', ' leading and trailing  ']))
write('report', 'invalid-utf8', b'\x05\x01\x02\x03' + b'\0' + b'bad \xff\xfe bytes \xc3 cut \xe6\x97' +
      b'\0' + b'\xed\xa0\x80 surrogate \xf4\x90\x80\x80 too big')
write('report', 'huge-times', bytes([10, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                     0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2,
                                     0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1,
                                     2, 0x80, 0, 0, 0, 0, 0, 0, 0, 2, 0x12, 0x34, 0x56, 0x78,
                                     0x9a, 0xbc, 0xde, 0xf0]) + b'\0hello')
