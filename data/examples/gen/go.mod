module lanes/example

go 1.19
