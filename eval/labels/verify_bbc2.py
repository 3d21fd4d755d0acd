#!/usr/bin/env python3
"""Check every anchor in eval/labels/bbc2.yaml: it must be an exact substring of its article,
3-12 words long; prints the context of its first occurrence (the place meant) and how often it
occurs, so a reader can confirm the first occurrence is the intended one.
Usage: python3 eval/labels/verify_bbc2.py [BBC_DIR]"""
import os, sys, yaml
here = os.path.dirname(os.path.abspath(__file__))
src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, '..', '..', '..', 'shared', 'eval', 'news', 'bbc')
labels = yaml.safe_load(open(os.path.join(here, 'bbc2.yaml'), encoding='utf-8'))
bad, ids = 0, set()
for lst in ('must_flag', 'should_flag', 'must_not_flag'):
    for e in labels[lst] or []:
        folder, num = e['doc'].split('_')
        text = open(os.path.join(src, folder, num + '.txt'), encoding='utf-8').read()
        a, i = e['anchor'], text.find(e['anchor'])
        nw = len(a.split())
        problems = []
        if i < 0: problems.append('NOT FOUND')
        if not 3 <= nw <= 12: problems.append(f'{nw} words')
        if e['id'] in ids: problems.append('duplicate id')
        if e['category'] not in ('quotes', 'claims', 'dates', 'consistency', 'references', 'transparency'):
            problems.append('bad category')
        ids.add(e['id'])
        ctx = text[max(0, i - 40):i + len(a) + 40].replace('\n', ' ') if i >= 0 else ''
        print(f"{'BAD ' + ','.join(problems) if problems else 'ok'}\t{e['id']}\tx{text.count(a)}\t...{ctx}...")
        bad += bool(problems)
print(f'{bad} bad of {len(ids)} labels')
sys.exit(1 if bad else 0)
