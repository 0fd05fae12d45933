from newswatch.console import main

if __name__ == "__main__":  # not when multiprocessing's spawn re-imports this module in a parse worker
    main()
