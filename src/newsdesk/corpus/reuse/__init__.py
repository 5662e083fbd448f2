"""reuse: which passages were copied from where — shingle index (`index`), alignment (`align`), direction of
copying (`direction`).
"""
