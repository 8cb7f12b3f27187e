"""Stage 1, reading an article: load it from a file, a URL or pasted text (``loading``,
``fetch``), tell its text from page noise (``blocks``, with its named rules in
``block_rules`` and ``block_captions``), split sentences (``sentences``), find its language
(``language``) and list its claims (``claims``, with the number grammar of ``verify.grammar``).
``articles`` ties the steps together; ``tables`` shows them in pandas."""
