"""A mutation harness over the real-world corpus: damaged bytes in, honest stories out.

Each case takes one real capture (a feed, an article page, the seed text), damages
it the way the wild does (a cut, a flipped byte, a lying declaration, a lost end
tag, ten thousand nested divs) and asks `parse_bytes` to read it. An independent
reference (lxml's recovering parser, a lenient JSON reader) says how many stories
the damaged bytes still hold, so a reader that drops them is caught, and so is one
that raises, stalls or rejects a file that still has stories in it.

`python -m tests.fuzz --cases N --seed S` prints the counts; `make fuzz` runs many.
"""
