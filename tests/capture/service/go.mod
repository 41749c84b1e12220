module lanes/tests/capture/service

go 1.21
