from ddas_quality.entry import main

main()
