// `cem analyze` (npm run build:package): dist/custom-elements.json from the elements' JSDoc
// (@fires, @csspart, @cssprop, @slot). The tags are not in the element files but in one table,
// src/components/elements.ts; the plugin below reads it so that each class gets its tag name.
import { posix } from 'node:path';

const TABLE = 'src/components/elements.ts';

/** Turns each `'tag': Class` of the table into a custom-element-definition of that class's module. */
function tagsFromTable() {
  return {
    name: 'meeting-room: tags from src/components/elements.ts',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isSourceFile(node) || !moduleDoc.path.endsWith(TABLE)) return;
      const moduleOf = new Map();
      for (const statement of node.statements) {
        if (!ts.isImportDeclaration(statement) || !statement.importClause?.namedBindings) continue;
        const from = posix.join(posix.dirname(moduleDoc.path), statement.moduleSpecifier.text.replace(/\.js$/, '.ts'));
        for (const element of statement.importClause.namedBindings.elements ?? []) moduleOf.set(element.name.text, from);
      }
      const table = node.statements
        .filter(ts.isVariableStatement)
        .flatMap((s) => s.declarationList.declarations)
        .find((d) => d.name.getText() === 'elements');
      let literal = table?.initializer;
      while (literal && (ts.isAsExpression(literal) || ts.isSatisfiesExpression?.(literal))) literal = literal.expression;
      if (!literal || !ts.isObjectLiteralExpression(literal)) throw new Error(`${TABLE}: no \`export const elements = { … }\` table`);
      for (const prop of literal.properties) {
        const tag = prop.name.text;
        const name = prop.initializer.getText();
        moduleDoc.exports.push({ kind: 'custom-element-definition', name: tag, declaration: { name, module: moduleOf.get(name) } });
      }
    },
    // A generic `dispatchEvent(new CustomEvent(type, …))` helper reads as an event named "type": every real one is `meeting-*`.
    packageLinkPhase({ customElementsManifest }) {
      for (const declaration of customElementsManifest.modules.flatMap((m) => m.declarations ?? [])) {
        if (declaration.events) declaration.events = declaration.events.filter((e) => e.name?.startsWith('meeting-'));
      }
    },
  };
}

export default {
  globs: ['src/components/**/*.ts'],
  exclude: ['src/components/**/*.styles.ts', 'src/components/**/*.test.ts'],
  outdir: 'dist',
  litelement: true,
  packagejson: false,
  plugins: [tagsFromTable()],
};
