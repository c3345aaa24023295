package org.imlbench.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.internal.NDArrayEx;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import org.imlbench.hf.checkpoint.OptConfig;

/**
 * One forward pass of the OPT decoder, following Hugging Face's {@code OPTDecoder}/{@code OPTDecoderLayer} op by op.
 * Every intermediate lands in the manager of the (scope-owned) inputs; the caller closes that scope.
 */
final class OptForward {
    private static final float LAYER_NORM_EPS = 1e-5f;

    private final OptConfig config;
    private final OptWeights weights;
    private final DataType dtype;
    private final float dropout;
    private final float attentionDropout;
    private final boolean training;

    OptForward(OptConfig config, OptWeights weights, DataType dtype, ForwardMode mode) {
        this.config = config;
        this.weights = weights;
        this.dtype = dtype;
        this.training = mode instanceof ForwardMode.Training;
        this.dropout = mode instanceof ForwardMode.Training t ? t.dropout() : 0f;
        this.attentionDropout = training ? (float) config.attentionDropout() : 0f;
    }

    NDArray run(NDArray ids, NDArray positions, NDArray bias, KvCache cache) {
        long b = ids.getShape().get(0);
        long t = ids.getShape().get(1);
        NDArrayEx ex = ids.getNDArrayInternal();
        NDArray tokens = ex.embedding(ids, weights.embedTokens(), SparseFormat.DENSE).singletonOrThrow();
        if (weights.projectIn() != null) {
            tokens = linear(tokens, weights.projectIn(), null);
        }
        NDArray offset = positions.add(OptConfig.POSITION_OFFSET);
        NDArray pos = offset.getNDArrayInternal().embedding(offset, weights.embedPositions(), SparseFormat.DENSE)
                .singletonOrThrow();
        NDArray h = tokens.add(pos);
        NDArray floatBias = bias.getDataType() == DataType.FLOAT32 ? bias : bias.toType(DataType.FLOAT32, false);
        for (int i = 0; i < weights.layers().length; i++) {
            h = layer(i, weights.layers()[i], h, floatBias, cache, b, t);
        }
        if (cache != null) {
            cache.commit((int) t);
        }
        if (weights.finalNorm() != null) {
            h = layerNorm(h, weights.finalNorm());
        }
        if (weights.projectOut() != null) {
            h = linear(h, weights.projectOut(), null);
        }
        return h;
    }

    private NDArray layer(int index, OptWeights.Layer w, NDArray h, NDArray bias, KvCache cache, long b, long t) {
        boolean preNorm = config.doLayerNormBefore();
        NDArray residual = h;
        NDArray x = preNorm ? layerNorm(h, w.attnNorm()) : h;
        x = attention(index, w, x, bias, cache, b, t);
        x = dropout(x, dropout);
        h = residual.add(x);
        if (!preNorm) {
            h = layerNorm(h, w.attnNorm());
        }
        residual = h;
        x = preNorm ? layerNorm(h, w.ffnNorm()) : h;
        x = linear(x, w.fc1W(), w.fc1B());
        x = x.getNDArrayInternal().relu();
        x = linear(x, w.fc2W(), w.fc2B());
        x = dropout(x, dropout);
        h = residual.add(x);
        if (!preNorm) {
            h = layerNorm(h, w.ffnNorm());
        }
        return h;
    }

    private NDArray attention(int index, OptWeights.Layer w, NDArray x, NDArray bias, KvCache cache, long b, long t) {
        int heads = config.numHeads();
        int headDim = config.headDim();
        // The scale is a tensor owned by PyTorch, not mul(Number): DJL wraps a Number in a tensor backed by a Java
        // buffer and closes it at once, while autograd keeps it for the backward pass, so the garbage collector could
        // free the memory the gradient is later scaled by.
        NDArray scaling = x.getManager().full(new Shape(), (float) Math.pow(headDim, -0.5),
                x.getDataType());
        NDArray q = linear(x, w.qW(), w.qB()).mul(scaling)
                .reshape(b, t, heads, headDim).transpose(0, 2, 1, 3);          // [B, nh, T, hd]
        NDArray kT = linear(x, w.kW(), w.kB()).reshape(b, t, heads, headDim)
                .transpose(0, 2, 3, 1);                                          // [B, nh, hd, T]
        NDArray v = linear(x, w.vW(), w.vB()).reshape(b, t, heads, headDim)
                .transpose(0, 2, 1, 3);                                          // [B, nh, T, hd]
        if (cache != null) {
            NDArray[] kv = cache.append(index, kT, v);
            kT = kv[0];
            v = kv[1];
        }
        NDArray scores = q.matMul(kT);                                           // [B, nh, T, S]
        if (scores.getDataType() != DataType.FLOAT32) {
            scores = scores.toType(DataType.FLOAT32, false);
        }
        NDArray probs = scores.add(bias).softmax(-1);
        if (probs.getDataType() != dtype) {
            probs = probs.toType(dtype, false);
        }
        probs = dropout(probs, attentionDropout);
        NDArray context = probs.matMul(v).transpose(0, 2, 1, 3).reshape(b, t, (long) heads * headDim);
        return linear(context, w.oW(), w.oB());
    }

    private NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        return x.getNDArrayInternal().linear(x, weight, bias).singletonOrThrow();
    }

    private NDArray layerNorm(NDArray x, OptWeights.Norm norm) {
        return x.getNDArrayInternal()
                .layerNorm(x, new Shape(x.getShape().get(x.getShape().dimension() - 1)), norm.weight(), norm.bias(),
                        LAYER_NORM_EPS)
                .singletonOrThrow();
    }

    private NDArray dropout(NDArray x, float rate) {
        if (!training || rate == 0f) {
            return x;
        }
        return x.getNDArrayInternal().dropout(x, rate, true).singletonOrThrow();
    }
}
