"""Writes jinja-golden.json: templates rendered by Python's Jinja2 with lm-evaluation-harness's environment
(StrictUndefined, keep_trailing_newline), for JinjaEngineTest. Run with /usr/bin/python3 (python3-jinja2) from this
folder: python3 make_golden.py > jinja-golden.json"""
import json
import re

import jinja2

DOC = {"s": "  Hello World  ", "l": ["a", "b'c", "d"], "n": 2, "f": 1.5, "b": True, "z": None, "q": "It's \"x\"",
       "u": "caf\u00e9 \u00a0x\u00a0", "m": {"text": ["x", "y"], "label": ["A", "B"]}, "num": "3.7", "neg": -3,
       "big": 1e16, "small": 0.0001, "tiny": 1e-5, "ans": "#### 42", "e": "", "fs": "false", "gt": "C",
       "mr": "name[The Eagle], eatType[coffee shop], area[riverside]"}
TEMPLATES = [
    "{{s.strip()}}|", "{{s.upper()}}", "{{l}}", "{{[s, n]}}", "{{l[-1]}}", "{{l[1:]}}", "{{s[2:5]}}", "{{'ABCD'[n]}}",
    "{{b}}", "{{z}}", "{{f}}", "{{n/2}}", "{{n//2}}", "{{7/2}}", "{{m.text}}", "{{m['label'][0]}}",
    "{{l|join(', ')}}", "{{l|length}}", "{{ 'a' if n > 1 else 'b' }}", "{{ 'x' ~ n }}", "{{ 'x' + 'y' }}",
    "{{ l + ['e'] }}", "{{ '-' * 3 }}", "{{ 'b' in l }}", "{{ s.split() }}", "{{ 'a,b'.split(',') }}",
    "{{ True }} {{ none }} {{ None }} {{ false }}", "{{ l.index('d') }}", "{{ m.keys() }}", "{{ m.items() }}",
    "{% for i in range(3) %}{{i}}{% endfor %}", "{% for k in m %}{{k}};{% endfor %}", "{{ '%s-%s' % (n, s) }}",
    "{{ 'a\\nb' }}", "{% if undefined_y is defined %}def{% else %}undef{% endif %}", "{{ s|trim }}", "{{ (1, 2) }}",
    "{{ {'a': 1} }}", "{{ 1e-5 }}", "{{ 3.0 }}", "{{ -1 }}", "{{ l[::-1] }}",
    "{% set ns = namespace(v={}) %}{% set _ = ns.v.update({'a': 1}) %}{{ ns.v }}", "{{ 'x'.startswith('x') }}",
    "{{ n == '2' }}", "{{ '{}-{}'.format(1, 2) }}", "{{ s.lstrip() }}|", "{{ 'Abc'.lower() }}", "{{ l[0].upper() }}",
    "text\n", "{{q}} {{[q]}}", "{{[u]}}", "{{u.strip()}}|", "{{num|float}} {{num|int}} {{'12'|int + 1}}",
    "{{neg}} {{ -neg }} {{neg % 5}} {{neg // 2}}", "{{big}} {{small}} {{tiny}} {{0.1+0.2}}",
    "{{ans.split('####')[-1].strip()}}", "{% if e %}yes{% else %}no{% endif %}{% if fs %}Y{% else %}N{% endif %}",
    "{{ e or 'dflt' }} {{ s and n }}", "{{ l|first }} {{ l|last }} {{ l|reverse|list }}",
    "{{ [3,1,2]|sort }} {{ ['b','A','a']|sort }}", "{{ 'hello world'|title }} {{ 'hELLO'|capitalize }}",
    "{{ 'x' * n }}{{ [1] * 3 }}", "{{ 5 // 2 }} {{ -5 // 2 }} {{ 2 ** 10 }} {{ 2 ** -1 }}", "{{ 'abc'[-1] }}{{ 'abc'[:-1] }}",
    "{{ n > 1 and 'big' or 'small' }}", "{{ {'a': [1, 2.5, None, True]} }}", "{{ ('x',) }}", "{{ [1, 2,] }}",
    "{{ 'a b  c'.split(' ') }}", "{{ 'x'|replace('x', 'y') }}", "{% set x = 'q' %}{{ x }}",
    "{{ 'lorem ipsum dolor sit amet'|truncate(12) }}", "{{ 'abc' < 'abd' }} {{ [1,2] == [1,2] }} {{ 1 == 1.0 }}",
    "{{ gt }}", "{{ m|length }}", "{{ n is even }} {{ n is number }} {{ s is string }} {{ z is none }} {{ z is not none }}",
    "{% for a, b in m.items() %}{{a}}={{b}};{% endfor %}",
    "{% for x in l %}{{ loop.index }}{{ x }}{% if not loop.last %},{% endif %}{% endfor %}",
    "{{ 'é'.upper() }} {{ 'straße'.upper() }}", "{{ '%.2f'|format(f) }} {{ '{:>5}'.format('ab') }}|",
    "{{ s.replace(' ', '_') }}", "{{ 'a-b-c'.rsplit('-', 1) }} {{ 'a\\nb'.splitlines() }}", "{{ l|join }}",
    "{{ [1,2]|join('-') }}", "{{ x|default('dd') }}", "{{ range(3)|list }}", "{{ [1,2,3]|sum }} {{ [1,5,3]|max }}",
    "{{ 'abc'.find('c') }} {{ 'abc'.count('b') }}", "{{ 3.7|round }} {{ 2.5|round }} {{ 2.55|round(1) }}",
    "{{ n + f }} {{ n * f }} {{ n - 5 }}", "{{ l|map('upper')|list }}", "{{ 'abc' in 'xabcx' }} {{ 'a' not in l }}",
    "{{ l|length > 2 }}", "{% raw %}{{ x }}{% endraw %}", "{# comment #}x", "  {%- if True %} t {% endif -%}  |",
    "a  {{- 'b' -}}  c", "{{ '\\\\d+'|length }}", "{{ n|string + '!' }}", "{{ '' '' }}|{{ 'a' 'b' }}",
    "{% set k = 'key' %}{{ {k: 1, 'x': n} }}", "{% for w in l if w != 'd' %}{{ loop.index }}{{ w }};{% endfor %}",
    "{% for f in mr.split('], ') if 'area' in f %}{{ f.split('[')[1] }}{% endfor %}",
    "{{ 'a,b,,c'.split(',', 2) }} {{ '  a  b '.split(None, 1) }}", "{{ 'xxhixx'.strip('x') }}",
    "{{ 'Hi There'.swapcase() }} {{ '7'.zfill(3) }} {{ 'ab'.center(6, '*') }}",
    "{{ 'a.b.c'.partition('.') }}", "{{ 'abc'.endswith(('x', 'c')) }}", "{{ [1, 'a', None]|join('|') }}",
    "{{ ['x', 'y']|join(', ')|upper }}", "{{ 10 % 3 }} {{ -7 % 3 }} {{ 7.5 % 2 }}", "{{ 1 < 2 < 3 }}",
    "{{ not e }} {{ not s }}", "{{ l[1][0] }}", "{{ 'abcdef'[1:5:2] }} {{ 'abc'[5:] }}|{{ l[-10:2] }}",
    "{{ [z] }} {{ [b, f, n] }}", "{{ 'x\\ty' }}|{{ 'tab\\there'|length }}", "{{ 'a' if z is none }}|",
    "{% if l %}L{% endif %}{% if m %}M{% endif %}{% if z %}Z{% endif %}{% if 0.0 %}F{% endif %}",
    "{{ l|select('equalto', 'd')|list }}", "{{ [{'k': 2}, {'k': 1}]|sort(attribute='k') }}",
    "{{ 'The answer is 42.'|regex_replace('[0-9]+', 'N') }} {{ 'aXbXc'|regex_replace('X', '-', 1) }}",
    "{{ 'John Smith'|regex_replace('(\\\\w+) (\\\\w+)', '\\\\2, \\\\1') }}",
]
env = jinja2.Environment(loader=jinja2.BaseLoader, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
env.filters["regex_replace"] = lambda string, pattern, repl, count=0: re.sub(pattern, repl, string, count=count)
cases = []
for t in TEMPLATES:
    try:
        cases.append({"template": t, "output": env.from_string(t).render(**DOC)})
    except Exception as e:  # noqa: BLE001 - the engine must fail too
        cases.append({"template": t, "error": type(e).__name__ + ": " + str(e)})
print(json.dumps({"doc": DOC, "cases": cases}, ensure_ascii=False, indent=1))
