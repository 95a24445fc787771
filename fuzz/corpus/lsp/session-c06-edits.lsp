Content-Length: 119

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": null, "capabilities": {}}}Content-Length: 795

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///tmp/c06.yaml", "languageId": "yaml", "version": 1, "text": "scheme: peer-normalization\ntitle: 功效系数与对标最优（分组）\npeers: type\ninputs:\n  type: {type: text, values: [street, department]}\n  output: {type: number, min: 0}\n  cost: {type: number, min: 0}\nindicators:\n  - id: [\n\n  - id: efficacy\n    title: 功效系数法\n    points: 50\n    score: (60 + 40 * ramp(output, peer_min(output), peer_max(output))) / 100 * points\n  - id: bench\n    title: 对标最优\n    points: 30\n    score: output / peer_max(output) * points\n  - id: frugal\n    title: 成本控制（越低越好）\n    points: 20\n    score: points * ramp(cost, peer_max(cost), peer_min(cost))\n"}}}Content-Length: 161

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///tmp/c06.yaml"}, "position": {"line": 3, "character": 4}}}Content-Length: 248

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///tmp/c06.yaml", "version": 2}, "contentChanges": [{"range": {"start": {"line": 8, "character": 0}, "end": {"line": 9, "character": 0}}, "text": ""}]}}Content-Length: 164

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///tmp/c06.yaml"}, "position": {"line": 1000, "character": 3}}}Content-Length: 168

{"jsonrpc": "2.0", "id": 4, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///tmp/c06.yaml"}, "position": {"line": -1, "character": -5}}}Content-Length: 171

{"jsonrpc": "2.0", "id": 5, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file:///tmp/c06.yaml"}, "position": {"line": 2, "character": 100000}}}Content-Length: 263

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///tmp/c06.yaml", "version": 3}, "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "# 😀 注释\n"}]}}Content-Length: 161

{"jsonrpc": "2.0", "id": 6, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///tmp/c06.yaml"}, "position": {"line": 0, "character": 3}}}Content-Length: 784

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///tmp/c06.yaml", "version": 4}, "contentChanges": [{"text": "scheme: peer-normalization\ntitle: 功效系数与对标最优（分组）\npeers: type\ninputs:\n  type: {type: text, values: [street, department]}\n  output: {type: number, min: 0}\n  cost: {type: number, min: 0}\nindicators:\n  - id: efficacy\n    title: 功效系数法\n    points: 50\n    score: (60 + 40 * ramp(output, peer_min(output), peer_max(output))) / 100 * points\n  - id: bench\n    title: 对标最优\n    points: 30\n    score: output / peer_max(output) * points\n  - id: frugal\n    title: 成本控制（越低越好）\n    points: 20\n    score: points * ramp(cost, peer_max(cost), peer_min(cost))\n"}]}}Content-Length: 114

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///tmp/c06.yaml"}}}Content-Length: 161

{"jsonrpc": "2.0", "id": 7, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///tmp/c06.yaml"}, "position": {"line": 1, "character": 1}}}Content-Length: 49

{"jsonrpc": "2.0", "id": 8, "method": "shutdown"}Content-Length: 161

{"jsonrpc": "2.0", "id": 9, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///tmp/c06.yaml"}, "position": {"line": 1, "character": 1}}}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}