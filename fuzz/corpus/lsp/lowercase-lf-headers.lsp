content-length:   119
Content-Type: x

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": null, "capabilities": {}}}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}