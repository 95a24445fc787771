Content-Length: 119

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": null, "capabilities": {}}}Content-Length: 38

{"jsonrpc": "2.0", "id": 2, "method": Content-Length: 9

[1, 2, 3]Content-Length: 91

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": {"textDocument": {}}}Content-Length: 126

{"jsonrpc": "2.0", "id": 4, "method": "textDocument/hover", "params": {"textDocument": {"uri": 7}, "position": {"line": "x"}}}Content-Length: 107

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///x.yaml"}}}Content-Length: 155

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///never-opened.yaml"}, "contentChanges": [{"text": "a"}]}}Content-Length: 72

{"jsonrpc": "2.0", "id": 5, "method": "workspace/unknown", "params": {}}Content-Length: 56

{"jsonrpc": "2.0", "id": {"a": 1}, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}