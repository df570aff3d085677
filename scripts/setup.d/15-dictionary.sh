# Sourced by scripts/setup.sh. The indexer's English word list (Debian's
# wamerican, /usr/share/dict/american-english): a word of it is a correct
# word, which the widget's hints never "correct" into a KB word
# (firstline-index build --dictionary; core/src/hints.cpp).
ensure_debian_packages wamerican
