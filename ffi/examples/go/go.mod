module example.com/presend-lint

go 1.19
