"""Builds tiny-cross-encoder.onnx: a graph with a cross-encoder's signature, for plumbing tests.

Inputs input_ids, attention_mask, token_type_ids ([batch, sequence], int64); output logits
([batch, 1], float). The logit is the number of real tokens in the second segment (the passage):
sum(token_type_ids * attention_mask) over the sequence. So a test knows the right order (longer
passages first), and padding or segment ids handled wrongly change the scores.

Run with Debian's python3-onnx:  python3 build_tiny_cross_encoder.py
"""
import onnx
from onnx import TensorProto, helper

inputs = [
    helper.make_tensor_value_info(name, TensorProto.INT64, ["batch", "sequence"])
    for name in ("input_ids", "attention_mask", "token_type_ids")
]
logits = helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", 1])
nodes = [
    helper.make_node("Mul", ["token_type_ids", "attention_mask"], ["passage_mask"]),
    helper.make_node("Cast", ["passage_mask"], ["passage_mask_float"], to=TensorProto.FLOAT),
    helper.make_node("ReduceSum", ["passage_mask_float", "axes"], ["logits"], keepdims=1),
]
axes = helper.make_tensor("axes", TensorProto.INT64, [1], [1])
graph = helper.make_graph(nodes, "tiny_cross_encoder", inputs, [logits], initializer=[axes])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
model.ir_version = 7
onnx.checker.check_model(model)
onnx.save(model, "tiny-cross-encoder.onnx")
print("wrote tiny-cross-encoder.onnx")
