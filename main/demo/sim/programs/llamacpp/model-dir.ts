/**
 * What llama.cpp's converter learns from a Hugging Face model folder: config.json, the weight
 * shards and their sizes, the parameter count. Folders downloaded by the simulated `hf` match a
 * catalogue entry (exact parameter count); other folders are counted from their tensors.
 */
import { findCatalogueModelByConfig } from '../../catalogue.js';
import type { SimIO } from '../../io.js';
import { elements, shapeFromConfig, tensorList, type ModelShape } from './model-shape.js';

export interface ModelDir {
  readonly path: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly shape: ModelShape | undefined;
  readonly architecture: string;
  readonly shards: ReadonlyArray<{ readonly name: string; readonly sizeBytes: number }>;
  readonly parameterCount: number;
  readonly torchDtype: string;
  /** quantization_config.quant_method (awq, modelopt, mxfp4 …), when the checkpoint is quantized. */
  readonly quantMethod: string | undefined;
}

const bytesPerParam: Record<string, number> = { bfloat16: 2, float16: 2, float32: 4 };

export const readModelDir = (io: SimIO, path: string): ModelDir => {
  const config = JSON.parse(io.fs.readText(`${path}/config.json`)) as Record<string, unknown>;
  const shards = io.fs
    .list(path)
    .filter((name) => name.endsWith('.safetensors'))
    .map((name) => ({ name, sizeBytes: io.fs.stat(`${path}/${name}`).size }));
  const shape = shapeFromConfig(config);
  const torchDtype = typeof config['torch_dtype'] === 'string' ? config['torch_dtype'] : 'bfloat16';
  const quantization = config['quantization_config'];
  const quantMethod =
    quantization && typeof quantization === 'object' && typeof (quantization as Record<string, unknown>)['quant_method'] === 'string'
      ? ((quantization as Record<string, unknown>)['quant_method'] as string)
      : undefined;
  const fromTensors = shape ? tensorList(shape).reduce((sum, t) => sum + elements(t), 0) : 0;
  const fromBytes = shards.reduce((sum, s) => sum + s.sizeBytes, 0) / (bytesPerParam[torchDtype] ?? 2);
  const parameterCount = findCatalogueModelByConfig(config)?.parameterCount ?? (quantMethod === undefined && fromBytes > 0 ? fromBytes : fromTensors);
  const architectures = config['architectures'];
  return {
    path,
    config,
    shape,
    architecture: Array.isArray(architectures) && typeof architectures[0] === 'string' ? architectures[0] : String(config['model_type'] ?? 'unknown'),
    shards,
    parameterCount: Math.round(parameterCount),
    torchDtype,
    quantMethod,
  };
};
