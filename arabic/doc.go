// Package arabic is khabar's Arabic text core: orthographic
// normalization, tokenization with code-point offsets, sentence
// splitting, clitic analysis, light stemming, stop words and digit
// folding.
package arabic
