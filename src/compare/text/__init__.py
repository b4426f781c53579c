"""Layer 0, under everything: Vietnamese text (normalising, folding away marks, syllables),
numerals, the vocabulary the parser knows (`text/vocab/`, loaded by `vocabulary`), and the
restorer of marks that a scan lost."""
