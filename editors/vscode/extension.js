// Starts `cuaderno lsp` for the workspace's Markdown pages, toc.yml files and site.toml.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

exports.activate = async function activate() {
  const settings = vscode.workspace.getConfiguration("cuaderno");
  const config = settings.get("config");
  const args = config ? ["--config", config, "lsp"] : ["lsp"];
  client = new LanguageClient(
    "cuaderno",
    "cuaderno",
    { command: settings.get("path") || "cuaderno", args },
    {
      documentSelector: [
        { scheme: "file", language: "markdown" },
        { scheme: "file", pattern: "**/toc.yml" },
        { scheme: "file", pattern: "**/site.toml" },
      ],
    },
  );
  await client.start();
};

exports.deactivate = function deactivate() {
  return client ? client.stop() : undefined;
};
