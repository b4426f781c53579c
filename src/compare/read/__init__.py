"""Layer 1, a file → Unicode text: the file's kind and encoding (legacy Vietnamese encodings
too), .docx, .pdf and HTML turned into lines; files that are no plan are refused here."""
