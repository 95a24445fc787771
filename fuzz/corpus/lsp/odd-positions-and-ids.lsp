Content-Length: 119

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": null, "capabilities": {}}}Content-Length: 222

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///tmp/s.yaml", "text": "scheme: s\ninputs:\n  x: {type: number}\nindicators:\n  - id: a\n    points: 10\n    score: x * 2\n"}}}Content-Length: 150

{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri": "file:///tmp/s.yaml"},"position":{"line":1e300,"character":0}}}Content-Length: 160

{"jsonrpc":"2.0","id":3,"method":"textDocument/completion","params":{"textDocument":{"uri": "file:///tmp/s.yaml"},"position":{"line":6,"character":4294967306}}}Content-Length: 155

{"jsonrpc":"2.0","id":4,"method":"textDocument/definition","params":{"textDocument":{"uri": "file:///tmp/s.yaml"},"position":{"line":6.0,"character":-11}}}Content-Length: 305

{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri": "file:///tmp/s.yaml"},"contentChanges":[{"range":{"start":{"line":6,"character":11},"end":{"line":-1e308,"character":12}},"text":"y"},{"range":{"start":{"line":6},"end":{}},"text":""},{"range":[],"text":"z"},{"text":7}]}}Content-Length: 453

{"jsonrpc":"2.0","id":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],"method":"textDocument/hover"}Content-Length: 665

{"jsonrpc":"2.0","id":5,"method":"textDocument/hover","params":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":1}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}Content-Length: 48

{"jsonrpc":"2.0","id":"six","method":"shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}