module github.com/khabar/khabar

go 1.26.8
