Content-Length: 119

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": null, "capabilities": {}}}Content-Length: 57

{"jsonrpc": "2.0", "method": "initialized", "params": {}}Content-Length: 1559

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///tmp/district%20basics.yaml", "languageId": "yaml", "version": 1, "text": "scheme: district-basics\ntitle: 甘井子区街道绩效考核（示例）\nrounding: {digits: 2}\nparams:\n  party_scores: {A: 1, B: 0.8, C: 0.6}\ninputs:\n  gdp_growth: {type: number, title: \"GDP增速(%)\"}\n  gdp_target: {type: number}\n  party_grade: {type: text, values: [A, B, C, D]}\n  raters: {type: list, min: 0, max: 100}\n  problems: {type: integer, min: 0, default: 0}\n  awards: {type: integer, min: 0, default: 0}\nindicators:\n  - id: economy\n    title: 经济发展\n    points: 40\n    children:\n      - id: gdp\n        title: GDP增速完成率\n        points: 20\n        value: gdp_growth / gdp_target\n        score: points * min(value, 1.2)\n        cap: 24\n      - id: growth_band\n        title: 增速档次\n        points: 20\n        score: step(gdp_growth, [6, 10], [8, 16], [10, 20])\n  - id: party\n    title: 党的建设\n    points: 30\n    score: lookup(party_grade, party_scores, 0.3) * points\n  - id: democratic\n    title: 民主测评\n    points: 30\n    score: trimmed_mean(raters, 1) / 100 * points\n  - id: bonus\n    kind: bonus\n    title: 正向激励加分\n    cap: 3\n    rules:\n      - {when: awards > 0, points: 2 * awards, reason: \"commendations\"}\n  - id: inspection\n    kind: deduction\n    title: 巡察问题扣分\n    cap: 5\n    rules:\n      - {points: 1.5 * problems, reason: \"problems found by inspection\"}\n"}}}Content-Length: 177

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///tmp/district%20basics.yaml"}, "position": {"line": 20, "character": 17}}}Content-Length: 176

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///tmp/district%20basics.yaml"}, "position": {"line": 15, "character": 5}}}Content-Length: 177

{"jsonrpc": "2.0", "id": 4, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///tmp/district%20basics.yaml"}, "position": {"line": 14, "character": 13}}}Content-Length: 182

{"jsonrpc": "2.0", "id": 5, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file:///tmp/district%20basics.yaml"}, "position": {"line": 21, "character": 24}}}Content-Length: 181

{"jsonrpc": "2.0", "id": 6, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file:///tmp/district%20basics.yaml"}, "position": {"line": 15, "character": 4}}}Content-Length: 181

{"jsonrpc": "2.0", "id": 7, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file:///tmp/district%20basics.yaml"}, "position": {"line": 8, "character": 22}}}Content-Length: 182

{"jsonrpc": "2.0", "id": 8, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///tmp/district%20basics.yaml"}, "position": {"line": 30, "character": 37}}}Content-Length: 375

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///tmp/district%20basics.yaml", "version": 2}, "contentChanges": [{"range": {"start": {"line": 15, "character": 12}, "end": {"line": 15, "character": 14}}, "text": "45"}, {"range": {"start": {"line": 21, "character": 24}, "end": {"line": 21, "character": 24}}, "text": "gdp_"}]}}Content-Length: 182

{"jsonrpc": "2.0", "id": 9, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file:///tmp/district%20basics.yaml"}, "position": {"line": 21, "character": 28}}}Content-Length: 183

{"jsonrpc": "2.0", "id": 10, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///tmp/district%20basics.yaml"}, "position": {"line": 21, "character": 26}}}Content-Length: 50

{"jsonrpc": "2.0", "id": 11, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}