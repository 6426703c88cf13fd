import { createRequire as __kubewireCreateRequire } from 'node:module';
const require = __kubewireCreateRequire(import.meta.url);
import {
  embeddedCatalog,
  loadCel
} from "./chunk-4IZVD4FX.js";
import {
  isManifest
} from "./chunk-UNQRMSN5.js";
import "./chunk-P3KKINH6.js";
import "./chunk-T5CYQYMC.js";

// src/schema/analyze.ts
await loadCel();
function analyze(file, options) {
  const catalog = embeddedCatalog(options.kubernetesVersion, options.gatewayApiChannel);
  const one = (v) => {
    if (!isManifest(v)) return null;
    const found = catalog.lookup(v.apiVersion, v.kind);
    return found ? found.validate(v) : null;
  };
  return file.documents.map((doc) => {
    const v = doc.value;
    if (isManifest(v) && v.kind.endsWith("List") && Array.isArray(v.items)) return { items: v.items.map(one) };
    return one(v);
  });
}
export {
  analyze
};
