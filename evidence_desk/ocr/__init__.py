"""Screenshots read by offline Chinese OCR (issue 22): the engine, the chat layout, the check.

Three small modules, none of which knows the store or Qt:

- :mod:`.engine` runs rapidocr-onnxruntime (PP-OCR Chinese models shipped in its wheel, on
  onnxruntime, CPU only) over an image's bytes and returns its lines with their boxes and
  confidences, plus the engine's name, version and the SHA-256 of every model file it used, so
  a result can be recomputed and compared later;
- :mod:`.layout` rebuilds the chat from those lines (title, bubbles and their side, time
  separators, system lines), as pure functions;
- :mod:`.crosscheck` compares the bubbles with the export's messages of the same contact.

The services (services/ocr.py) seal the results under the case key and ledger their digest.
"""
