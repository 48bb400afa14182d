from ddas_quality.cli import main

main()
